// The shapes the gateway answers with, for the SPA: filled in by the modules beside this one.
export {};
