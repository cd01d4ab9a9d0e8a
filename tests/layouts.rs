//! A document's structure does not depend on the layout it comes in: one short UN resolution,
//! written as a UN text with Markdown traces and as three extractors write the text of its PDF,
//! reads to the same ids, roles, numbers, texts and notes in each.

use std::path::Path;

use wsis::ingest::{self, Layout};
use wsis::model::Document;

/// Each way of writing the resolution, with the layout detection must find.
fn sources() -> Vec<(&'static str, String, Layout)> {
    let markdown = "Assemblée générale\n\nDistr. générale\n20 décembre 2025\n\nQuatre-vingtième session\n\nPoint 15 de l'ordre du jour\n\nRésolution adoptée par l'Assemblée générale le 17 décembre 2025\n\n- 80/999. Coopération numérique**\n\nL'Assemblée générale,\n\nRappelant sa résolution 70/125 du 16 décembre 2015 sur l'examen d'ensemble¹,\n\nSe félicitant des contributions de toutes les parties prenantes au processus préparatoire,\n\n1. Réaffirme son attachement aux textes issus du Sommet mondial sur la société de l'information et à leur mise en œuvre ;\n\n2. Prie le Secrétaire général de lui présenter, à sa quatre-vingt-unième session, un rapport sur l'application de la présente résolution² ;\n\n3. Décide d'inscrire à l'ordre du jour provisoire de sa quatre-vingt-unième session la question intitulée « Les technologies de l'information et des communications au service du développement durable ».\n\n¹ A/RES/70/125.\n\n² Voir A/80/62.\n\n68e séance plénière\n17 décembre 2025\n".to_string();
    // `pdftotext`: blank lines between blocks, numbers alone on their line, notes at the page's
    // foot with their numbers alone, the running foot and a form feed between pages.
    let pdftotext = "Assemblée générale\nDistr. générale\n20 décembre 2025\nQuatre-vingtième session\nPoint 15 de l'ordre du jour\n\nRésolution adoptée par l'Assemblée générale le 17 décembre 2025\n\n80/999. Coopération numérique\nL'Assemblée générale,\nRappelant sa résolution 70/125 du 16 décembre 2015 sur l'examen\nd'ensemble1,\nSe félicitant des contributions de toutes les parties prenantes au\nprocessus préparatoire,\n1.\n\nRéaffirme son attachement aux textes issus du Sommet mondial sur la société\nde l'information et à leur mise en œuvre ;\n\n2.\n\nPrie le Secrétaire général de lui présenter, à sa quatre-vingt-unième\n\n1\n\nA/RES/70/125.\n\n25-99999 (F)\n\n1/2\n\n\u{c}A/RES/80/999\n\nsession, un rapport sur l'application de la présente résolution2 ;\n\n3.\n\nDécide d'inscrire à l'ordre du jour provisoire de sa quatre-vingt-unième\nsession la question intitulée « Les technologies de l'information et des\ncommunications au service du développement durable ».\n68e séance plénière\n17 décembre 2025\n\n2\n\nVoir A/80/62.\n\n2/2\n\n\u{c}".to_string();
    // `pdftotext -layout`: the page's indentation kept, numbers on their paragraph's line.
    let layout = "                                                              A/RES/80/999\n     Assemblée générale          Distr. générale\n                                 20 décembre 2025\n     Quatre-vingtième session\n     Point 15 de l'ordre du jour\n\n     Résolution adoptée par l'Assemblée générale le 17 décembre 2025\n\n     80/999. Coopération numérique\n\n             L'Assemblée générale,\n\n             Rappelant sa résolution 70/125 du 16 décembre 2015 sur l'examen\n     d'ensemble1,\n\n             Se félicitant des contributions de toutes les parties prenantes au\n     processus préparatoire,\n\n             1.     Réaffirme son attachement aux textes issus du Sommet mondial sur la\n     société de l'information et à leur mise en œuvre ;\n\n             2.     Prie le Secrétaire général de lui présenter, à sa quatre-vingt-unième\n     session, un rapport sur l'application de la présente résolution2 ;\n\n             3.     Décide d'inscrire à l'ordre du jour provisoire de sa quatre-vingt-unième\n     session la question intitulée « Les technologies de l'information et des\n     communications au service du développement durable ».\n\n                                                              68e séance plénière\n                                                              17 décembre 2025\n\n\n     1\n         A/RES/70/125.\n     2\n         Voir A/80/62.\n\n25-99999 (F)                                                               1/1\n\u{c}".to_string();
    // pypdf: no blank line at all, the running head at the page's end, no form feed.
    let pypdf = "Assemblée générale\nDistr. générale\n20 décembre 2025\nQuatre-vingtième session\nPoint 15 de l'ordre du jour\nRésolution adoptée par l'Assemblée générale le 17 décembre 2025\n80/999. Coopération numérique\nL'Assemblée générale,\nRappelant sa résolution 70/125 du 16 décembre 2015 sur l'examen d'ensemble1,\nSe félicitant des contributions de toutes les parties prenantes au processus\npréparatoire,\n1. Réaffirme son attachement aux textes issus du Sommet mondial sur la société de\nl'information et à leur mise en œuvre ;\n2. Prie le Secrétaire général de lui présenter, à sa quatre-vingt-unième session, un\nrapport sur l'application de la présente résolution2 ;\n3. Décide d'inscrire à l'ordre du jour provisoire de sa quatre-vingt-unième session la\nquestion intitulée « Les technologies de l'information et des communications au\nservice du développement durable ».\n68e séance plénière\n17 décembre 2025\n1 A/RES/70/125.\n2 Voir A/80/62.\nA/RES/80/999\n25-99999 (F)\n1/1\n".to_string();
    vec![
        ("un-markdown", markdown, Layout::UnMarkdown),
        ("pdftotext", pdftotext, Layout::PdfText),
        ("pdftotext -layout", layout, Layout::PdfText),
        ("pypdf", pypdf, Layout::PdfText),
    ]
}

/// id, role, number and text of every block; number, text and calling blocks of every note.
fn shape(d: &Document) -> (Vec<String>, Vec<String>) {
    let blocks = d
        .blocks
        .iter()
        .map(|b| {
            let role = match b {
                wsis::model::Block::Heading(h) => format!("heading{}", h.level),
                wsis::model::Block::Paragraph(p) => p.role.as_str().to_string(),
            };
            format!(
                "{} {role} {:?} {}",
                b.id(),
                b.number(),
                b.text().split_whitespace().collect::<Vec<_>>().join(" ")
            )
        })
        .collect();
    let notes = d
        .footnotes
        .iter()
        .map(|f| format!("{} {} {:?}", f.number, f.text, f.referenced_from))
        .collect();
    (blocks, notes)
}

#[test]
fn one_resolution_reads_the_same_in_every_layout() {
    let mut shapes = Vec::new();
    for (name, text, layout) in sources() {
        let read = ingest::read_text(&text, Path::new(name), None)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(read.layout, layout, "{name}: detected as {}", read.layout);
        assert!(
            read.report.anomalies.is_empty(),
            "{name}: {:?}",
            read.report.anomalies
        );
        shapes.push((name, shape(&read.document)));
    }
    let (first, expected) = &shapes[0];
    let ids: Vec<&str> = expected
        .0
        .iter()
        .map(|b| b.split(' ').next().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "s-80-999",
            "formula-1",
            "pp1",
            "pp2",
            "p1",
            "p2",
            "p3",
            "closing-1"
        ],
        "{first}: {:#?}",
        expected.0
    );
    assert_eq!(expected.1.len(), 2, "{first}: {:?}", expected.1);
    for (name, got) in &shapes[1..] {
        assert_eq!(got.0, expected.0, "{name} against {first}");
        assert_eq!(got.1, expected.1, "{name} against {first}");
    }
}
