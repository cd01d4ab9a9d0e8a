// Headless Chromium for the browser checks: the Debian binary (or $CHROMIUM), driven by
// playwright-core resolved from NODE_PATH (CI installs it in its tools folder), with nothing that
// would reach the network on its own (no background updates, sync or QUIC).
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { chromium } = require("playwright-core");

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}
