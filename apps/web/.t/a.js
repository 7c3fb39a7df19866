import { DEV } from './dev.js';
import { DEV as DEV2 } from './dev2.js';
export function f(x) { if (DEV && x) console.warn('long long message one'); return DEV ? 'long message two' : 'short'; }
export function g(x) { if (DEV2 && x) console.warn('long long message three'); return DEV2 ? 'long message four' : 'short2'; }
