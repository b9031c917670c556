/**
 * The text providers the server's routes share (POST /api/generate, report narratives): made
 * from the server's own environment (JOBSHIFT_LLM_*, JOBSHIFT_LLAMA_MODEL; never from a
 * request), lazily, once per kind per app, so a GGUF model is loaded once however many routes
 * use it. A misconfiguration is not kept: fixing the environment and retrying works.
 */
import { createProvider, type ProviderKind, type TextProvider } from '../llm/provider.js';
import { memoAsync } from '../util/memo.js';

export type ProviderFor = (kind: ProviderKind) => Promise<TextProvider>;

export function providerCache(create: (kind: ProviderKind) => Promise<TextProvider> = (kind) => createProvider(kind)): ProviderFor {
  return memoAsync(create);
}
