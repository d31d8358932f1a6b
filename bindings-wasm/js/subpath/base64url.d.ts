// Types of `jwtcore/base64url` (jose's `jose/base64url`).
import { base64url } from 'jwtcore';

export declare const encode: typeof base64url.encode;
export declare const decode: typeof base64url.decode;
