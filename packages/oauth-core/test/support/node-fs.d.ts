// The package compiles without Node's types (it must run on Web APIs only); the tests that read
// files (source.test.ts, readme-providers.test.ts: Node only) declare the little of node:fs
// they use.
declare module "node:fs" {
  export function readdirSync(path: URL, options: { recursive: true }): string[];
  export function readFileSync(path: URL, encoding: "utf8"): string;
}
