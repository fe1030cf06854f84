import { closeSync, existsSync, openSync, writeSync } from "node:fs";

/**
 * Overwrites the start of a database and its journal files in place, under any connection
 * that has them open: what a failing disk or a stray `dd` does, and what no file mode can
 * stop when the tests run as root.
 */
export function breakDatabase(file: string): void {
  for (const path of [file, `${file}-wal`, `${file}-shm`]) {
    if (!existsSync(path)) continue;
    const fd = openSync(path, "r+");
    try {
      writeSync(fd, Buffer.alloc(8192, 0x41), 0, 8192, 0);
    } finally {
      closeSync(fd);
    }
  }
}
