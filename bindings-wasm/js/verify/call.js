// Calls into this entry's module, its errors mapped to jose's classes (../errors.js, shared with the
// main entry so that `instanceof` works across both), and the core's algorithm table.
import * as w from './jwtcore_verify.js';
import { JOSEError, fromWasm } from '../errors.js';
import { state, notLoaded } from './state.js';

/** Runs `f` (a call into the module); what it throws becomes a jose error class. */
export function call(f, payload) {
  if (!state.loaded) throw notLoaded();
  try {
    return f();
  } catch (e) {
    if (typeof e === 'string') throw fromWasm(e, payload);
    // Only a bug could get here (the core does not panic on input): still a JOSEError.
    throw e instanceof JOSEError ? e : new JOSEError(`internal error: ${e && e.message}`, { cause: e });
  }
}

let table;
/** The core's row for `alg` (`{ family, crv, hash }`), or undefined for names it does not know. */
export function algorithm(alg) {
  if (table === undefined) {
    table = new Map();
    for (const line of call(() => w.algorithms()).split('\n')) {
      const [name, family, crv, hash] = line.split(' ');
      if (name) table.set(name, { family, crv: crv === '-' ? undefined : crv, hash: hash === '-' ? undefined : hash });
    }
  }
  return typeof alg === 'string' ? table.get(alg) : undefined;
}

const params = new Map();
/**
 * WebCrypto's `[importParams, verifyParams]` for `alg`, from the core's family, curve and hash (the
 * PSS salt as long as the hash, RFC 7518 §3.5); undefined for names the core does not know.
 */
export function webCryptoParams(alg) {
  let p = params.get(alg);
  if (p === undefined) {
    const r = algorithm(alg);
    if (r === undefined) return undefined;
    const { family, crv, hash } = r;
    if (family === 'hmac') p = [{ name: 'HMAC', hash }, { name: 'HMAC' }];
    else if (family === 'ec') p = [{ name: 'ECDSA', namedCurve: crv }, { name: 'ECDSA', hash }];
    else if (family === 'okp') p = [{ name: crv }, { name: crv }];
    else if (family === 'rsa') p = [{ name: 'RSASSA-PKCS1-v1_5', hash }, { name: 'RSASSA-PKCS1-v1_5' }];
    else if (family === 'rsa-pss') p = [{ name: 'RSA-PSS', hash }, { name: 'RSA-PSS', saltLength: Number(hash.slice(4)) / 8 }];
    else return undefined;
    params.set(alg, p);
  }
  return p;
}

/** Phase one's output copied out of wasm memory (and freed there). */
export function takeParts(p) {
  try {
    return { alg: p.alg, signature: p.signature, signingInput: p.signingInput };
  } finally {
    p.free();
  }
}

/** `header \0 payload` as jose's result shape. */
export function parseResult(joined) {
  const i = joined.indexOf('\0');
  return { payload: JSON.parse(joined.slice(i + 1)), protectedHeader: JSON.parse(joined.slice(0, i)) };
}
