import { readFileSync } from "node:fs";
import {
  Application,
  Logger,
  LogLevel,
  OptionDefaults,
  TSConfigReader,
  TypeDocReader,
} from "typedoc";
import { describe, expect, it } from "vitest";
import * as api from "../../src/index.js";
import { ErrorCode, OAuthError } from "../../src/index.js";

// The package's documentation is checked like its code: the README's errors table must name
// every error code, and TypeDoc (with typedoc.json, as `npm run docs` runs it) must find every
// public function, type, property and error code documented, with no broken link.

// A path, not a URL, for TypeDoc; node:url is left out so that this also compiles without
// Node's types, as the rest of the package's tests do.
const PACKAGE_DIR = decodeURIComponent(new URL("../../", import.meta.url).pathname);
const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");

/** The rows of the first table under `## Errors`, as trimmed cells, header row first. */
function errorsTable(): string[][] {
  const start = readme.indexOf("\n## Errors\n");
  expect(start, 'the README has no "## Errors" section').toBeGreaterThan(-1);
  const next = readme.indexOf("\n## ", start + 1);
  const section = readme.slice(start, next === -1 ? undefined : next);
  return section
    .split("\n")
    .filter((line) => line.startsWith("|"))
    .filter((line) => !/^\|[\s|:-]+\|$/.test(line))
    .map((line) =>
      line
        .slice(1, -1)
        .split("|")
        .map((cell) => cell.trim()),
    );
}

describe("the README's errors table", () => {
  const [header = [], ...rows] = errorsTable();
  const codeColumn = header.indexOf("`code`");
  const classColumn = header.indexOf("class");
  const meaningColumn = header.indexOf("when");
  const codeOf = (row: string[]) => /^`([a-z_]+)`$/.exec(row[codeColumn] ?? "")?.[1];

  it("when the table is read, then it has class, `code` and when columns", () => {
    expect(classColumn, "no class column").toBeGreaterThan(-1);
    expect(codeColumn, "no `code` column").toBeGreaterThan(-1);
    expect(meaningColumn, "no when column").toBeGreaterThan(-1);
  });

  it.each(Object.values(ErrorCode))(
    "when src/errors.ts defines %s, then the README has a row saying what it means",
    (code) => {
      const row = rows.find((cells) => codeOf(cells) === code);
      expect(row, `the README's errors table has no row for "${code}"`).toBeDefined();
      expect(row?.[meaningColumn] ?? "", `the row for "${code}" says nothing`).not.toBe("");
    },
  );

  it("when the table names codes, then each is one that src/errors.ts defines", () => {
    const known: readonly string[] = Object.values(ErrorCode);
    const named = rows.map(codeOf).filter((code) => code !== undefined);
    expect(named.filter((code) => !known.includes(code))).toEqual([]);
  });

  it("when the package exports error classes, then the table has a row for each", () => {
    const classes = Object.entries(api)
      .filter(
        ([, value]) =>
          typeof value === "function" &&
          (value === OAuthError || value.prototype instanceof OAuthError),
      )
      .map(([name]) => name);
    expect(classes.length).toBeGreaterThan(1);
    const named = rows.map((cells) => cells[classColumn]);
    expect(classes.filter((name) => !named.includes(`\`${name}\``))).toEqual([]);
  });
});

/** Keeps what TypeDoc reports instead of printing it, so a failure shows every message. */
class CollectingLogger extends Logger {
  readonly messages: string[] = [];

  override log(message: string, level: LogLevel): void {
    super.log(message, level);
    if (level >= LogLevel.Warn) this.messages.push(`[${LogLevel[level]}] ${message}`);
  }
}

describe("the API reference", () => {
  it("when TypeDoc converts and validates the public API, then it reports no warning or error", async () => {
    const app = await Application.bootstrapWithPlugins({ options: `${PACKAGE_DIR}typedoc.json` }, [
      new TypeDocReader(),
      new TSConfigReader(),
    ]);
    // Option problems are logged while bootstrapping, before another logger can be set.
    expect(app.logger.errorCount + app.logger.warningCount, "typedoc.json has problems").toBe(0);

    // The checks themselves must stay on: "documented" means something only while they do.
    const validation = app.options.getValue("validation");
    expect(validation).toMatchObject({ notExported: true, invalidLink: true, notDocumented: true });
    expect(app.options.getValue("requiredToBeDocumented")).toEqual(
      expect.arrayContaining([...OptionDefaults.requiredToBeDocumented]),
    );
    expect(app.options.getValue("treatWarningsAsErrors")).toBe(true);
    expect(app.options.getValue("treatValidationWarningsAsErrors")).toBe(true);

    const logger = new CollectingLogger();
    app.logger = logger;
    const project = await app.convert();
    expect(
      project,
      `TypeDoc could not convert the sources:\n${logger.messages.join("\n")}`,
    ).toBeDefined();
    if (project) app.validate(project);
    expect(logger.messages, `TypeDoc reported:\n${logger.messages.join("\n")}`).toEqual([]);
    expect(logger.warningCount + logger.errorCount + logger.validationWarningCount).toBe(0);
  }, 60_000);
});
