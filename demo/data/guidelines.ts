/** One section of a demo guideline document. */
export interface GuidelineSection {
  id: string;
  heading: string;
  paragraphs: string[];
}

/** A guideline document as the demo tools link to it. */
export interface GuidelineDoc {
  title: string;
  version: string;
  sections: GuidelineSection[];
}

/** The moderation policy handbook the Trust Console links to (short excerpts). */
export const MODERATION_HANDBOOK: GuidelineDoc = {
  title: 'Content policy handbook',
  version: 'mod-2026.3',
  sections: [
    {
      id: 'hate-speech',
      heading: '1. Hate speech',
      paragraphs: [
        '§1.2 Generalisations that dehumanise a protected group are removed.',
        '§1.5 Criticism of ideas, religions or institutions is allowed.',
        '§1.6 Counter-speech and educational framing are allowed when the intent is clear.',
      ],
    },
    {
      id: 'nudity',
      heading: '2. Nudity',
      paragraphs: [
        '§2.1 Sexually suggestive thumbnails are age-restricted even when the video is not.',
        '§2.4 Health, breastfeeding and educational context is allowed.',
      ],
    },
    {
      id: 'harassment',
      heading: '3. Harassment',
      paragraphs: [
        "§3.1 Requests for a private person's location are escalated to the safety team.",
        '§3.4 Criticism of public figures is allowed.',
      ],
    },
    {
      id: 'violence',
      heading: '4. Violence',
      paragraphs: [
        '§4.1 Credible or veiled threats are removed.',
        '§4.2 Newsworthy footage without glorification stays up, age-restricted when graphic.',
        '§4.5 Sanctioned combat sports are out of scope.',
      ],
    },
    {
      id: 'misinformation',
      heading: '5. Misinformation',
      paragraphs: [
        '§5.1 Health claims naming a cure are removed.',
        '§5.3 Contested claims get a label, not removal. (Clarified in mod-2026.3.)',
        '§5.6 Election-integrity claims go to escalation during the civic window.',
      ],
    },
    {
      id: 'self-harm',
      heading: '6. Self-harm',
      paragraphs: [
        '§6.1 Imminent-risk language is escalated at once.',
        '§6.2 Recovery stories and peer support are allowed, with resources attached.',
      ],
    },
    {
      id: 'spam',
      heading: '7. Spam',
      paragraphs: [
        '§7.1 Off-platform links to phishing or scams are removed.',
        '§7.4 Giveaways by verified partners are not spam.',
      ],
    },
    {
      id: 'counterfeit',
      heading: '8. Counterfeit goods',
      paragraphs: [
        '§8.2 "Mirror", "1:1" or "AAA" wording plus a price far below retail means counterfeit.',
        '§8.4 "Inspired" items without the brand\'s marks are allowed.',
        '§8.5 Resale with proof of purchase is allowed.',
      ],
    },
    {
      id: 'prohibited-goods',
      heading: '9. Prohibited goods',
      paragraphs: [
        '§9.1 Prescription drugs are prohibited whatever the wording.',
        '§9.3 Antiques of restricted materials need a certificate; escalate.',
      ],
    },
  ],
};

/** The search-quality rating guidelines the Rater Hub links to (short excerpts). */
export const SEARCH_GUIDELINES: GuidelineDoc = {
  title: 'Search quality rating guidelines',
  version: 'search-2026.2',
  sections: [
    {
      id: 'intro',
      heading: '1. The rating task',
      paragraphs: [
        'For each result, judge how well it meets the needs of a user who typed the query, in the task locale.',
      ],
    },
    {
      id: 'needs-met',
      heading: '2. Needs Met',
      paragraphs: [
        '§2.3 Rate against the dominant interpretation first; minor interpretations cap the rating at Moderately meets.',
        '§2.4 A forum answer that fully answers the query can be Highly meets.',
        '§2.6 Freshness-sensitive queries: stale pages are Slightly meets at most.',
      ],
    },
    {
      id: 'local',
      heading: '3. Local queries',
      paragraphs: ['§3.2 Results for the wrong city fail to meet, however good the page is.'],
    },
    {
      id: 'page-quality',
      heading: '4. Page quality',
      paragraphs: ['§4.1 Keyword-stuffed or auto-generated pages cannot exceed Slightly meets.'],
    },
  ],
};
