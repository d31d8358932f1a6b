// jose's subpath `jose/base64url`: the package's `base64url` functions.
import { base64url } from 'jwtcore';

export const { encode, decode } = base64url;
