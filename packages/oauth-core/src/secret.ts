const REDACTED = "[redacted]";

/**
 * Holds a client secret so that logging or serializing a provider never prints it:
 * the value only comes out through `reveal()`.
 */
export class Secret {
  readonly #value: string;

  /** Wraps `value`; it stays in a private field, out of `JSON.stringify` and `console.log`. */
  constructor(value: string) {
    this.#value = value;
  }

  /** The secret itself: use it where it is sent, and nowhere else. */
  reveal(): string {
    return this.#value;
  }

  /** Always `"[redacted]"`, so string interpolation never prints the secret. */
  toString(): string {
    return REDACTED;
  }

  /** Always `"[redacted]"`, so `JSON.stringify` never prints the secret. */
  toJSON(): string {
    return REDACTED;
  }

  /** Always `"[redacted]"`, for Node's `util.inspect` and `console.log`. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return REDACTED;
  }
}
