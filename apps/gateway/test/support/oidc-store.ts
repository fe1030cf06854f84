import type { Adapter, AdapterPayload } from "oidc-provider";

/** One call the provider made to its storage, in order. */
export interface StoreOperation {
  op: "upsert" | "consume" | "destroy" | "revokeByGrantId";
  model: string;
  id: string;
}

interface Entry {
  payload: AdapterPayload;
  expiresAt: number;
}

/**
 * The provider's whole storage, in memory, with a log of what it did: tests ask the
 * provider's own records whether a token, a grant or a session still exists, the way its
 * database would answer (oidc-provider's adapter contract, as in its lib/adapters/memory_adapter).
 */
export class RecordingStore {
  readonly operations: StoreOperation[] = [];
  private readonly entries = new Map<string, Entry>();

  /** The factory oidc-provider's `adapter` option takes: one adapter per model name. */
  adapterFor = (model: string): Adapter => {
    const key = (id: string) => `${model}:${id}`;
    const log = (op: StoreOperation["op"], id: string) => this.operations.push({ op, model, id });
    return {
      upsert: async (id, payload, expiresIn) => {
        log("upsert", id);
        const expiresAt = expiresIn === undefined ? Infinity : Date.now() + expiresIn * 1000;
        this.entries.set(key(id), { payload: structuredClone(payload), expiresAt });
      },
      find: async (id) => this.read(key(id)),
      findByUid: async (uid) => this.all(model).find((payload) => payload.uid === uid),
      findByUserCode: async (code) => this.all(model).find((payload) => payload.userCode === code),
      consume: async (id) => {
        log("consume", id);
        const entry = this.read(key(id));
        if (entry) entry.consumed = Math.floor(Date.now() / 1000);
      },
      destroy: async (id) => {
        log("destroy", id);
        this.entries.delete(key(id));
      },
      revokeByGrantId: async (grantId) => {
        log("revokeByGrantId", grantId);
        for (const [name, entry] of this.live()) {
          if (name.startsWith(`${model}:`) && entry.payload.grantId === grantId) {
            this.entries.delete(name);
          }
        }
      },
    };
  };

  /** Whether the provider still holds `model` `id` (e.g. "RefreshToken", the token itself). */
  has(model: string, id: string): boolean {
    return this.read(`${model}:${id}`) !== undefined;
  }

  /** The stored payload, as the provider would read it back. */
  get(model: string, id: string): AdapterPayload | undefined {
    return this.read(`${model}:${id}`);
  }

  /** The grant an access or refresh token (or an authorization code) belongs to. */
  grantOf(token: string): string | undefined {
    for (const model of ["AccessToken", "RefreshToken", "AuthorizationCode"]) {
      const grantId = this.get(model, token)?.grantId;
      if (typeof grantId === "string") return grantId;
    }
    return undefined;
  }

  /** Every live payload of one model, oldest first. */
  all(model: string): AdapterPayload[] {
    return [...this.live()]
      .filter(([name]) => name.startsWith(`${model}:`))
      .map(([, entry]) => entry.payload);
  }

  /** The provider's live sign-in sessions (one per browser signed in there). */
  sessions(): AdapterPayload[] {
    return this.all("Session");
  }

  private read(name: string): AdapterPayload | undefined {
    const entry = this.entries.get(name);
    if (!entry) return undefined;
    // As a real store's TTL would: an expired record is gone, not merely stale.
    if (entry.expiresAt <= Date.now()) {
      this.entries.delete(name);
      return undefined;
    }
    return entry.payload;
  }

  private *live(): Generator<[string, Entry]> {
    for (const [name, entry] of [...this.entries]) {
      if (this.read(name) !== undefined) yield [name, entry];
    }
  }
}
