/** The shipped configs and templates, bundled as text at build time. */
import { buildPolicyList, type PolicyList } from './policies';

const configFiles = import.meta.glob<string>('../../../configs/*.json', { query: '?raw', import: 'default', eager: true });
const promptFiles = import.meta.glob<string>('../../../prompts/*.txt', { query: '?raw', import: 'default', eager: true });

let cached: PolicyList | undefined;

/** The policy list built once from the bundled files. */
export function shippedPolicies(): PolicyList {
  cached ??= buildPolicyList(configFiles, promptFiles);
  return cached;
}
