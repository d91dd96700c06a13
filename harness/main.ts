// Filled in by the worker issue: exposes the typed worker client on `window` for Playwright.
export {};
