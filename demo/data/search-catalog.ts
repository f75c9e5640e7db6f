/**
 * Queries and result archetypes for the search-quality rating tool. Domains
 * use the reserved `.example` TLD so a click can never reach a real site.
 */

/** A family of queries that share a rating queue. */
export interface QueryFamily {
  queue: string;
  templates: readonly string[];
}

/** Shared query slots. */
export const QUERY_SLOTS: Readonly<Record<string, readonly string[]>> = {
  task: [
    'descale a kettle',
    'unclog a bathroom sink',
    'change a bike tire',
    'remove rust from tools',
    'repot a snake plant',
    'fix a squeaky door hinge',
    'season a cast iron pan',
    'jump start a car',
    'set up a mesh wifi network',
    'defrost a freezer fast',
    'patch drywall',
    'sharpen a kitchen knife',
    'get rid of fruit flies',
    'reset a garage door opener',
    'bleed a radiator',
    'write a cover letter',
  ],
  condition: [
    'vitamin d deficiency',
    'dehydration in toddlers',
    'iron deficiency',
    'burnout',
    'lyme disease',
    'a sprained ankle',
    'heat exhaustion',
    'low blood sugar',
  ],
  concept: [
    'a heat pump',
    'compound interest',
    'a credit freeze',
    'a roth ira',
    'carbon offsetting',
    'an ssd',
    'inflation',
    'a sourdough starter',
    'net metering',
  ],
  versus: [
    'air fryer vs convection oven',
    'index funds vs etfs',
    'laminate vs vinyl plank flooring',
    'ibuprofen vs acetaminophen',
    'oled vs mini led tv',
    'renting vs buying a home',
  ],
  service: ['plumber', 'vet', 'dentist', 'locksmith', 'tire shop', 'pharmacy', 'dry cleaner', 'bike repair'],
  food: ['ramen', 'tacos', 'brunch', 'pizza', 'dim sum', 'bbq', 'vegan bakery', 'coffee'],
  city: ['austin', 'leeds', 'calgary', 'porto', 'melbourne', 'denver', 'glasgow', 'toronto', 'seattle', 'bristol'],
  product: [
    'running shoes',
    'noise cancelling headphones',
    'robot vacuum',
    'standing desk',
    'espresso machine',
    'electric toothbrush',
    'carry on suitcase',
    'gaming monitor',
    'air purifier',
    'e-reader',
  ],
  price: ['50', '100', '200', '300', '500'],
  year: ['2025', '2026'],
  topic: ['interest rates', 'wildfire season', 'transit strike', 'heat wave', 'city budget vote', 'school closures'],
};

/** Query families with the rating queue each one lands in. */
export const QUERY_FAMILIES: readonly QueryFamily[] = [
  {
    queue: 'web-relevance',
    templates: ['how to {task}', 'symptoms of {condition}', 'what is {concept}', '{versus}', '{task} step by step'],
  },
  {
    queue: 'local-relevance',
    templates: [
      '{service} near me',
      '24 hour {service} {city}',
      'best {food} in {city}',
      '{city} {service} open sunday',
    ],
  },
  {
    queue: 'shopping-relevance',
    templates: ['best {product} under ${price}', '{product} deals', '{product} reviews {year}', 'buy {product} online'],
  },
  { queue: 'news-relevance', templates: ['{city} {topic}', '{topic} latest news', '{city} weather tomorrow'] },
];

/** A kind of page a result can be; `quality` biases its true rating. */
export interface Archetype {
  id: string;
  domains: readonly string[];
  titles: readonly string[];
  snippets: readonly string[];
  /** Added to the position-based rating (on a 0–4 scale). */
  quality: number;
  /** Most results of this kind on one task, so result pages mix sources. */
  maxPerTask: number;
  /** How often it shows up per rating queue; absent means never. */
  weights: Readonly<Partial<Record<string, number>>>;
}

/**
 * Title/snippet slots: {Q} title-cased query, {q} the query, {site} the
 * site's display name, {n} a small number, {year} a year, {duration} a video length.
 */
export const ARCHETYPES: readonly Archetype[] = [
  {
    id: 'guide',
    maxPerTask: 3,
    domains: [
      'homehowto.example',
      'fixitdaily.example',
      'practicalhome.example',
      'howwise.example',
      'guidepost.example',
    ],
    titles: [
      '{Q}: Everything You Need to Know | {site}',
      '{Q}, Explained Simply ({year}) - {site}',
      '{Q}: A Practical Guide | {site}',
    ],
    snippets: [
      'A clear answer to "{q}", with photos, the tools you need and the mistakes to avoid. Updated for {year}.',
      'Our editors researched {q} so you do not have to. Here is what matters, what does not, and when to call a professional.',
    ],
    quality: 0.6,
    weights: { 'web-relevance': 30, 'shopping-relevance': 4, 'news-relevance': 6 },
  },
  {
    id: 'health',
    maxPerTask: 2,
    domains: ['clinicnotes.example', 'wellbeing.example'],
    titles: ['{Q}: Causes, Signs and When to Worry | {site}', '{Q} — Reviewed by a Physician | {site}'],
    snippets: ['Medically reviewed {n} weeks ago. Learn about {q}, who is at risk, and when to see a doctor.'],
    quality: 0.4,
    weights: { 'web-relevance': 8 },
  },
  {
    id: 'encyclopedia',
    maxPerTask: 1,
    domains: ['openwiki.example'],
    titles: ['{Q} - OpenWiki'],
    snippets: [
      'From OpenWiki, the free encyclopedia. This article covers {q}: background, definitions, common variations and related terms.',
    ],
    quality: 0.1,
    weights: { 'web-relevance': 10, 'news-relevance': 8, 'local-relevance': 3 },
  },
  {
    id: 'forum',
    maxPerTask: 3,
    domains: ['askaround.example', 'threadhub.example', 'diyforum.example'],
    titles: ['{Q}? : r/{board}', 'Anyone know about {q}? - {site} Forums', 'Help: {q} (thread) | {site}'],
    snippets: [
      '{n} answers · Posted {n} months ago. "I asked about {q} last year and the answer that helped most was…"',
      'Started by a member · {n} replies. Thread about {q}, with a marked solution near the bottom.',
    ],
    quality: -0.3,
    weights: { 'web-relevance': 16, 'local-relevance': 10, 'shopping-relevance': 12, 'news-relevance': 8 },
  },
  {
    id: 'video',
    maxPerTask: 2,
    domains: ['vidstream.example'],
    titles: ['{Q} (in under {n} minutes) - VidStream', '{Q} | Honest Walkthrough - VidStream'],
    snippets: ['{duration} · Uploaded by a channel with 1.{n}M subscribers. A hands-on look at {q}.'],
    quality: 0.1,
    weights: { 'web-relevance': 12, 'shopping-relevance': 10, 'news-relevance': 8 },
  },
  {
    id: 'retailer',
    maxPerTask: 3,
    domains: ['shopmart.example', 'gearbarn.example', 'bestprice.example', 'northcart.example'],
    titles: ['{Q} | Free Shipping Over $35 - {site}', 'Shop {Q} - Top Rated Picks | {site}'],
    snippets: ['Compare prices and read {n}00+ customer reviews for {q}. In stock, ships in {n} days. Free returns.'],
    quality: 0.2,
    weights: { 'shopping-relevance': 30 },
  },
  {
    id: 'review',
    maxPerTask: 2,
    domains: ['testedpicks.example', 'thegearlab.example', 'eatlocal.example'],
    titles: ['{Q}: Our Tested Picks for {year} | {site}', '{Q} — {n} Options Ranked | {site}'],
    snippets: ['We spent {n} weeks comparing options for {q}. Our top pick, the best value choice, and what to skip.'],
    quality: 0.5,
    weights: { 'shopping-relevance': 20, 'local-relevance': 12 },
  },
  {
    id: 'news',
    maxPerTask: 3,
    domains: ['metrotribune.example', 'dailyledger.example', 'cityherald.example'],
    titles: ['{Q}: What We Know So Far - {site}', 'Explainer: {Q} | {site}', 'Live updates: {Q} - {site}'],
    snippets: ['{n} hours ago — Reporters break down {q}, with comments from local officials and residents.'],
    quality: 0.4,
    weights: { 'news-relevance': 40, 'local-relevance': 6 },
  },
  {
    id: 'directory',
    maxPerTask: 2,
    domains: ['localfinder.example', 'cityguide.example'],
    titles: ['Top {n} {Q} - Updated {year} | {site}', '{Q} - Hours, Reviews & Directions | {site}'],
    snippets: ['Find {q} with ratings, opening hours, photos and directions. {n} places match your search.'],
    quality: 0.4,
    weights: { 'local-relevance': 30 },
  },
  {
    id: 'maps',
    maxPerTask: 2,
    domains: ['mapnook.example'],
    titles: ['{Q} - MapNook'],
    snippets: ['Open now · 4.{n} (1{n}{n} reviews) · Closes 9 PM. Directions, photos and popular times for {q}.'],
    quality: 0.8,
    weights: { 'local-relevance': 14 },
  },
  {
    id: 'seo-farm',
    maxPerTask: 1,
    domains: ['best-top10-reviews.example', 'free-answers-now.example', 'quickinfo-hub.example'],
    titles: ['{Q} {Q} - BEST {year} TOP {n}', '[UPDATED] {Q} - Click Here'],
    snippets: ['{q} {q} best {q} cheap {q} near you. Click here to learn more about {q} and other top ten lists.'],
    quality: -2.2,
    weights: { 'web-relevance': 5, 'local-relevance': 5, 'shopping-relevance': 6, 'news-relevance': 3 },
  },
];

/** Forum board names for forum titles. */
export const BOARDS = ['HomeImprovement', 'AskDocs', 'personalfinance', 'BuyItForLife', 'LocalHelp', 'DIY'];

/** Rating scale of the tool, lowest first; these are also event decisions. */
export const RATING_LABELS = [
  'fails_to_meet',
  'slightly_meets',
  'moderately_meets',
  'highly_meets',
  'fully_meets',
] as const;
export type RatingLabel = (typeof RATING_LABELS)[number];

/** Locales of the rating pool. */
export const LOCALES = { 'en-US': 60, 'en-GB': 18, 'en-CA': 12, 'en-AU': 10 } as const;
