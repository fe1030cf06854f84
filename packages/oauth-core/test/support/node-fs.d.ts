// The package compiles without Node's types (it must run on Web APIs only); the one test that
// reads the source tree declares the little of node:fs it uses.
declare module "node:fs" {
  export function readdirSync(path: URL, options: { recursive: true }): string[];
  export function readFileSync(path: URL, encoding: "utf8"): string;
}
