// Types only: at run time this is the global Web Crypto, as in a browser's service worker.
import type { webcrypto } from "node:crypto";
import { base64Url } from "../random.js";

type JsonWebKey = webcrypto.JsonWebKey;

const RS256: webcrypto.RsaHashedKeyGenParams = {
  name: "RSASSA-PKCS1-v1_5",
  modulusLength: 2048,
  publicExponent: new Uint8Array([1, 0, 1]),
  hash: "SHA-256",
};

interface SigningKey {
  kid: string;
  privateKey: webcrypto.CryptoKey;
  /** The public half, as the JWKS lists it. */
  jwk: JsonWebKey & { kid: string };
}

export function encodeJson(value: unknown): string {
  return base64Url(new TextEncoder().encode(JSON.stringify(value)));
}

async function generate(): Promise<SigningKey> {
  const pair = await crypto.subtle.generateKey(RS256, true, ["sign", "verify"]);
  const { n, e } = await crypto.subtle.exportKey("jwk", pair.publicKey);
  // A kid from the key itself: the same key always has the same one.
  const thumbprint = await crypto.subtle.digest(
    "SHA-256",
    new TextEncoder().encode(JSON.stringify({ e, kty: "RSA", n })),
  );
  const kid = base64Url(new Uint8Array(thumbprint)).slice(0, 16);
  return {
    kid,
    privateKey: pair.privateKey,
    jwk: { kty: "RSA", use: "sig", alg: "RS256", kid, n, e },
  };
}

/**
 * The provider's RS256 key, made with Web Crypto once per mock and kept across reset(), as a
 * real provider keeps its keys (clients cache the JWKS). It is made on the first OpenID
 * Connect request rather than with the mock: a 2048-bit key takes about a tenth of a second,
 * which tests that use the mock only as GitHub need not pay.
 */
export class SigningKeys {
  private key: Promise<SigningKey> | undefined;

  private current(): Promise<SigningKey> {
    this.key ??= generate();
    return this.key;
  }

  async jwks(): Promise<{ keys: JsonWebKey[] }> {
    return { keys: [(await this.current()).jwk] };
  }

  /** A JWS in compact serialization, as an id_token is. */
  async sign(claims: Record<string, unknown>): Promise<string> {
    const { kid, privateKey } = await this.current();
    const input = `${encodeJson({ alg: "RS256", typ: "JWT", kid })}.${encodeJson(claims)}`;
    const signature = await crypto.subtle.sign(RS256, privateKey, new TextEncoder().encode(input));
    return `${input}.${base64Url(new Uint8Array(signature))}`;
  }
}
