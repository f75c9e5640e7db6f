import { MatchPattern } from 'wxt/utils/match-patterns';
import type { SiteAdapterInput } from '../../contract/adapter';

/** The enabled adapters whose match patterns cover `url`. A bad pattern disables only its adapter. */
export function adaptersFor(adapters: readonly SiteAdapterInput[], url: string): SiteAdapterInput[] {
  return adapters.filter((adapter) => {
    if (adapter.enabled === false) return false;
    try {
      return adapter.matches.some((pattern) => new MatchPattern(pattern).includes(url));
    } catch (error) {
      console.warn(`[QA Lens] adapter "${adapter.id}" has a bad match pattern`, error);
      return false;
    }
  });
}
