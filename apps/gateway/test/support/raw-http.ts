import { connect } from "node:net";

/** An HTTP/1.1 answer as it came off the wire: no parser decides what it meant. */
export interface RawAnswer {
  /** The status line's code; NaN when nothing (or no status line) came back. */
  status: number;
  /** The status line and headers, without the blank line. */
  head: string;
  body: string;
}

/**
 * Writes `bytes` on a fresh TCP connection, exactly as given (a client that skips every URL
 * and header rule), and reads until the server closes it.
 */
export function rawExchange(target: string | number, bytes: string): Promise<RawAnswer> {
  const { hostname, port } =
    typeof target === "number" ? { hostname: "127.0.0.1", port: String(target) } : new URL(target);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(bytes));
    let text = "";
    socket.setEncoding("latin1");
    socket.on("data", (chunk: string) => {
      text += chunk;
    });
    socket.on("error", reject);
    socket.on("close", () => {
      const [head = "", body = ""] = text.split("\r\n\r\n", 2);
      resolve({ status: Number(head.split(" ")[1]), head, body });
    });
  });
}
