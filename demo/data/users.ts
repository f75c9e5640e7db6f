import type { User } from '../../contract';

/** The demo staff; ids double as `actor`/`auditor` on quality events. */
export const DEMO_USERS: readonly User[] = [
  { id: 'mod.alex', name: 'Alex Moreno', roles: ['moderator'] },
  { id: 'mod.kai', name: 'Kai Nakamura', roles: ['moderator'] },
  { id: 'mod.noor', name: 'Noor Haddad', roles: ['moderator'] },
  { id: 'mod.sam', name: 'Sam Okafor', roles: ['moderator'] },
  { id: 'eval.lee', name: 'Lee Park', roles: ['evaluator'] },
  { id: 'eval.rosa', name: 'Rosa Lindqvist', roles: ['evaluator'] },
  { id: 'analyst.riley', name: 'Riley Chen', roles: ['analyst'] },
  { id: 'qa.morgan', name: 'Morgan Blake', roles: ['analyst'] },
  { id: 'qa.devi', name: 'Devi Raman', roles: ['analyst'] },
  { id: 'admin.jo', name: 'Jo Fischer', roles: ['admin'] },
];

/** Who makes decisions in the moderation console. */
export const MODERATOR_IDS = ['mod.alex', 'mod.kai', 'mod.noor', 'mod.sam'] as const;
/** Who rates search results. */
export const EVALUATOR_IDS = ['eval.lee', 'eval.rosa'] as const;
/** Who audits decisions; QA specialists do most of it, the analyst some. */
export const AUDITOR_WEIGHTS = { 'qa.morgan': 45, 'qa.devi': 40, 'analyst.riley': 15 } as const;
