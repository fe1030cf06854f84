// The one form of Vite's import.meta.glob the tests use (test/providers/contract.ts loads its
// fixtures with it). Declared here rather than with vite/client's types, which would bring
// all of Vite's client globals into a package that compiles on Web APIs only.
interface ImportMeta {
  glob(
    pattern: string,
    options: { query: "?raw"; import: "default"; eager: true },
  ): Record<string, string>;
}
