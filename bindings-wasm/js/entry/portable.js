// Imported first by the `jwtcore-portable` entries that share their runtime's loader with the
// default one (node-portable.js): ES modules run their imports in order, so the loader, evaluated
// next, sees the flag and reads the portable module.
import { platform } from '../platform.js';

platform.portable = true;
