import type { GuidelinePublishRequestInput } from '../../contract';
import { DEMO_SITES } from './types';

/*
 * The demo tools' policy handbooks: the one source of what the demo pages show (the version in force)
 * and of the guideline versions the API is seeded with. Quality events cite these versions; their
 * dates follow the same day offsets (demo/data/events.ts), so an event judged under mod-2026.2 falls
 * in the window where mod-2026.2 was in force. Policy tags use the policy ids events use.
 */

/** One section of a demo guideline document. */
export interface GuidelineSection {
  id: string;
  heading: string;
  paragraphs: string[];
  /** Policy ids as quality events name them. */
  policies: string[];
  categories: string[];
  labels: string[];
  keywords: string[];
}

/** A guideline document as the demo tools link to it. */
export interface GuidelineDoc {
  title: string;
  version: string;
  sections: GuidelineSection[];
}

/** One version of a demo guideline: a document plus when it came into force. */
interface DemoGuidelineVersion {
  doc: GuidelineDoc;
  /** Days before the seed's anchor it took effect. */
  effectiveDaysAgo: number;
}

/** A demo guideline and its versions, oldest first. */
interface DemoGuideline {
  id: string;
  site: string;
  versions: DemoGuidelineVersion[];
}

const DAY_MS = 86_400_000;

type Tags = Pick<GuidelineSection, 'policies' | 'categories' | 'labels' | 'keywords'>;
const section = (id: string, heading: string, tags: Partial<Tags>, paragraphs: string[]): GuidelineSection => ({
  id,
  heading,
  paragraphs,
  policies: tags.policies ?? [],
  categories: tags.categories ?? [],
  labels: tags.labels ?? [],
  keywords: tags.keywords ?? [],
});

const MOD_HATE_SPEECH_TAGS: Partial<Tags> = {
  policies: ['hate_speech'],
  categories: ['Commentary', 'Religion', 'Humor'],
  labels: ['remove'],
  keywords: ['slur', 'dehumanise', 'protected group', 'counter-speech'],
};
const MOD_MISINFORMATION_TAGS: Partial<Tags> = {
  policies: ['misinformation'],
  categories: ['Science', 'Wellness'],
  labels: ['label_misleading'],
  keywords: ['cure', 'vaccine', 'contested claim', 'election'],
};

/** Sections that read the same in mod-2026.2 and mod-2026.3, in handbook order after hate speech. */
const MOD_UNCHANGED = {
  nudity: section(
    'nudity',
    '2. Nudity',
    {
      policies: ['nudity'],
      categories: ['Art', 'Fashion'],
      labels: ['age_restrict'],
      keywords: ['thumbnail', 'suggestive', 'breastfeeding'],
    },
    [
      '§2.1 Sexually suggestive thumbnails are age-restricted even when the video is not.',
      '§2.4 Health, breastfeeding and educational context is allowed.',
    ],
  ),
  harassment: section(
    'harassment',
    '3. Harassment',
    {
      policies: ['harassment'],
      categories: ['Relationships', 'Work', 'School'],
      labels: ['escalate'],
      keywords: ['doxxing', 'private person', 'public figure'],
    },
    [
      "§3.1 Requests for a private person's location are escalated to the safety team.",
      '§3.4 Criticism of public figures is allowed.',
    ],
  ),
  violence: section(
    'violence',
    '4. Violence',
    {
      policies: ['violence'],
      categories: ['Sports', 'Documentary', 'Outdoors'],
      labels: ['age_restrict'],
      keywords: ['threat', 'graphic footage', 'combat sports', 'fight'],
    },
    [
      '§4.1 Credible or veiled threats are removed.',
      '§4.2 Newsworthy footage without glorification stays up, age-restricted when graphic.',
      '§4.5 Sanctioned combat sports are out of scope.',
    ],
  ),
  selfHarm: section(
    'self-harm',
    '6. Self-harm',
    {
      policies: ['self_harm'],
      categories: ['Support', 'Challenge'],
      labels: ['escalate'],
      keywords: ['imminent risk', 'recovery', 'peer support', 'resources'],
    },
    [
      '§6.1 Imminent-risk language is escalated at once.',
      '§6.2 Recovery stories and peer support are allowed, with resources attached.',
    ],
  ),
  spam: section(
    'spam',
    '7. Spam',
    {
      policies: ['spam'],
      categories: ['Gaming', 'Finance', 'Marketplace', 'Services'],
      labels: ['remove'],
      keywords: ['phishing', 'scam', 'giveaway', 'off-platform link'],
    },
    ['§7.1 Off-platform links to phishing or scams are removed.', '§7.4 Giveaways by verified partners are not spam.'],
  ),
  counterfeit: section(
    'counterfeit',
    '8. Counterfeit goods',
    {
      policies: ['counterfeit'],
      categories: ['Watches', 'Accessories', 'Beauty'],
      labels: ['counterfeit'],
      keywords: ['replica', 'mirror', '1:1', 'AAA', 'brand'],
    },
    [
      '§8.2 "Mirror", "1:1" or "AAA" wording plus a price far below retail means counterfeit.',
      '§8.4 "Inspired" items without the brand\'s marks are allowed.',
      '§8.5 Resale with proof of purchase is allowed.',
    ],
  ),
  prohibitedGoods: section(
    'prohibited-goods',
    '9. Prohibited goods',
    {
      policies: ['prohibited_goods'],
      categories: ['Collectibles', 'Home'],
      labels: ['remove'],
      keywords: ['prescription', 'pills', 'ivory', 'antique', 'certificate'],
    },
    [
      '§9.1 Prescription drugs are prohibited whatever the wording.',
      '§9.3 Antiques of restricted materials need a certificate; escalate.',
    ],
  ),
};

function moderationHandbook(
  version: string,
  hateSpeech: GuidelineSection,
  misinformation: GuidelineSection,
): GuidelineDoc {
  const u = MOD_UNCHANGED;
  return {
    title: 'Content policy handbook',
    version,
    sections: [
      hateSpeech,
      u.nudity,
      u.harassment,
      u.violence,
      misinformation,
      u.selfHarm,
      u.spam,
      u.counterfeit,
      u.prohibitedGoods,
    ],
  };
}

/** mod-2026.2: before hate speech and misinformation were clarified (their error rates were high). */
const MODERATION_2026_2 = moderationHandbook(
  'mod-2026.2',
  section('hate-speech', '1. Hate speech', MOD_HATE_SPEECH_TAGS, [
    '§1.2 Generalisations about a protected group are removed.',
    '§1.5 Criticism of ideas, religions or institutions is allowed.',
    '§1.6 Counter-speech is allowed.',
  ]),
  section('misinformation', '5. Misinformation', MOD_MISINFORMATION_TAGS, [
    '§5.1 Health claims naming a cure are removed.',
    '§5.3 Contested claims are removed when a health authority disagrees with them.',
    '§5.6 Election-integrity claims go to escalation during the civic window.',
  ]),
);

/** The moderation policy handbook the Trust Console links to (short excerpts): the version in force. */
export const MODERATION_HANDBOOK: GuidelineDoc = moderationHandbook(
  'mod-2026.3',
  section('hate-speech', '1. Hate speech', MOD_HATE_SPEECH_TAGS, [
    '§1.2 Generalisations that dehumanise a protected group are removed.',
    '§1.5 Criticism of ideas, religions or institutions is allowed.',
    '§1.6 Counter-speech and educational framing are allowed when the intent is clear.',
  ]),
  section('misinformation', '5. Misinformation', MOD_MISINFORMATION_TAGS, [
    '§5.1 Health claims naming a cure are removed.',
    '§5.3 Contested claims get a label, not removal. (Clarified in mod-2026.3.)',
    '§5.6 Election-integrity claims go to escalation during the civic window.',
  ]),
);

const SEARCH_UNCHANGED = {
  intro: section('intro', '1. The rating task', { keywords: ['rating', 'locale', 'user intent'] }, [
    'For each result, judge how well it meets the needs of a user who typed the query, in the task locale.',
  ]),
  local: section(
    'local',
    '3. Local queries',
    {
      policies: ['needs_met'],
      categories: ['local-relevance'],
      labels: ['fails_to_meet'],
      keywords: ['near me', 'city', 'open now', 'directions', 'opening hours'],
    },
    ['§3.2 Results for the wrong city fail to meet, however good the page is.'],
  ),
  pageQuality: section(
    'page-quality',
    '4. Page quality',
    {
      policies: ['page_quality'],
      labels: ['slightly_meets'],
      keywords: ['keyword stuffing', 'auto-generated', 'SEO', 'click here', 'top ten list'],
    },
    ['§4.1 Keyword-stuffed or auto-generated pages cannot exceed Slightly meets.'],
  ),
};

const NEEDS_MET_TAGS: Partial<Tags> = {
  policies: ['needs_met'],
  labels: ['fully_meets', 'highly_meets', 'moderately_meets', 'slightly_meets'],
  keywords: ['dominant interpretation', 'forum answer', 'freshness', 'stale'],
};

function searchGuidelines(version: string, needsMet: GuidelineSection): GuidelineDoc {
  const u = SEARCH_UNCHANGED;
  return {
    title: 'Search quality rating guidelines',
    version,
    sections: [u.intro, needsMet, u.local, u.pageQuality],
  };
}

/** search-2026.1: before forum answers could be rated Highly meets. */
const SEARCH_2026_1 = searchGuidelines(
  'search-2026.1',
  section('needs-met', '2. Needs Met', NEEDS_MET_TAGS, [
    '§2.3 Rate against the dominant interpretation first; minor interpretations cap the rating at Moderately meets.',
    '§2.4 Forum pages are Moderately meets at most, however complete the answer.',
    '§2.6 Freshness-sensitive queries: stale pages are Slightly meets at most.',
  ]),
);

/** The search-quality rating guidelines the Rater Hub links to (short excerpts): the version in force. */
export const SEARCH_GUIDELINES: GuidelineDoc = searchGuidelines(
  'search-2026.2',
  section('needs-met', '2. Needs Met', NEEDS_MET_TAGS, [
    '§2.3 Rate against the dominant interpretation first; minor interpretations cap the rating at Moderately meets.',
    '§2.4 A forum answer that fully answers the query can be Highly meets.',
    '§2.6 Freshness-sensitive queries: stale pages are Slightly meets at most.',
  ]),
);

/**
 * Every demo guideline with its versions. The days match demo/data/events.ts: moderation events
 * switch from mod-2026.2 to mod-2026.3 30 days before the anchor (mod-2026.1, cited by events older
 * than 60 days, predates the handbook excerpts and is not seeded); search events switch from
 * search-2026.1 to search-2026.2 45 days before it, and none is older than 90 days.
 */
export const DEMO_GUIDELINES: readonly DemoGuideline[] = [
  {
    id: 'moderation-handbook',
    site: DEMO_SITES.moderation,
    versions: [
      { doc: MODERATION_2026_2, effectiveDaysAgo: 60 },
      { doc: MODERATION_HANDBOOK, effectiveDaysAgo: 30 },
    ],
  },
  {
    id: 'search-rating-guidelines',
    site: DEMO_SITES.search,
    versions: [
      { doc: SEARCH_2026_1, effectiveDaysAgo: 90 },
      { doc: SEARCH_GUIDELINES, effectiveDaysAgo: 45 },
    ],
  },
];

/** The demo guidelines as publish requests, oldest version first; effective dates count back from `anchor`. */
export function demoGuidelineVersions(anchor: Date): GuidelinePublishRequestInput[] {
  return DEMO_GUIDELINES.flatMap((guideline) =>
    guideline.versions.map(({ doc, effectiveDaysAgo }) => ({
      guidelineId: guideline.id,
      site: guideline.site,
      title: doc.title,
      version: doc.version,
      effectiveFrom: new Date(anchor.getTime() - effectiveDaysAgo * DAY_MS).toISOString(),
      sections: doc.sections.map(({ paragraphs, ...rest }) => ({ ...rest, body: paragraphs.join('\n\n') })),
    })),
  );
}
