/**
 * Imported first by main.tsx, before any module that builds or runs a schema: our CSP has no
 * 'unsafe-eval' (SECURITY.md), so zod must neither probe for nor compile with new Function.
 */
import { z } from 'zod';

z.config({ jitless: true });
