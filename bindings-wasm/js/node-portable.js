// The Node entry under the `jwtcore-portable` export condition: the portable module, with the curve
// and RSA arithmetic (keys held in WebAssembly sign and verify as well as platform keys); otherwise
// node.js, which reads the flag entry/portable.js sets.
import './entry/portable.js';

export * from './node.js';
