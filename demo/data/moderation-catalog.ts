/**
 * Word lists and templates for the moderation console. Titles are built per
 * (queue, policy) so a card flagged for counterfeit reads like a counterfeit
 * listing; about a third of titles are benign, because classifiers over-flag.
 */

/** How a queue's items are generated. */
export interface QueueSpec {
  id: string;
  name: string;
  /** Item id prefix: VID-00001. */
  prefix: string;
  labels: readonly string[];
  /** The "lighter than remove" action; partially-correct audits land on it. */
  softLabel: string;
  /** [title template, category] pairs, so a cooking video is not filed under Sports. */
  benignTitles: ReadonlyArray<readonly [string, string]>;
  policies: Readonly<Record<string, PolicySpec>>;
}

/** How items flagged under one policy look. */
export interface PolicySpec {
  weight: number;
  titles: readonly string[];
  categories: readonly string[];
  labels: Readonly<Record<string, number>>;
  /** What QA writes when the decision was wrong. */
  notes: readonly string[];
}

/** Shared template slots. */
export const SLOTS: Readonly<Record<string, readonly string[]>> = {
  place: [
    'Osaka',
    'Lisbon',
    'Detroit',
    'Lagos',
    'Manila',
    'Marseille',
    'Oaxaca',
    'Glasgow',
    'Busan',
    'Nairobi',
    'Porto',
    'Calgary',
    'Leeds',
    'Austin',
  ],
  food: [
    'ramen',
    'street tacos',
    'jollof rice',
    'dumplings',
    'banh mi',
    'croissants',
    'birria',
    'pho',
    'sourdough',
    'kimchi stew',
  ],
  game: [
    'Elden Ring',
    'Valorant',
    'Minecraft',
    'Fortnite',
    'Rocket League',
    'Apex Legends',
    'Counter-Strike 2',
    'Stardew Valley',
  ],
  sport: ['MMA', 'boxing', 'hockey', 'rugby', 'kickboxing', 'motocross', 'Muay Thai'],
  num: ['3', '5', '7', '10', '12', '14', '24', '30'],
  handle: ['jess_runs', 'mike.t', 'the_real_dana', 'coach_ben', 'lila_m', 'tomkat88'],
  remedy: ['garlic tea', 'apple cider vinegar', 'turmeric shots', 'raw onion', 'baking soda water'],
  brand: ['Nike', 'Adidas', 'Rolex', 'Louis Vuitton', 'Gucci', 'Apple', 'Dyson', 'Ray-Ban', 'Pandora', 'Chanel'],
  product: [
    'sneakers',
    'watch',
    'handbag',
    'earbuds',
    'sunglasses',
    'wallet',
    'hair dryer',
    'perfume',
    'belt',
    'bracelet',
  ],
  size: ['S', 'M', 'L', '9', '10', '42', 'one size'],
  supplement: ['moringa capsules', 'alkaline drops', 'keto gummies', 'mushroom tincture', 'ozone oil'],
  year: ['2024', '2025', '2026'],
};

const videos: QueueSpec = {
  id: 'videos',
  name: 'Videos',
  prefix: 'VID',
  labels: ['approve', 'remove', 'age_restrict', 'escalate'],
  softLabel: 'age_restrict',
  benignTitles: [
    ['{food} tour in {place} — part {num}', 'Food'],
    ['{game} ranked grind, episode {num}', 'Gaming'],
    ['How I fixed my bike chain in {num} minutes', 'Education'],
    ['Morning routine in {place} (slow living)', 'Vlog'],
    ['Unboxing the new {brand} {product}', 'Tech'],
    ['Beginner {sport} drills you can do at home', 'Sports'],
    ['Rainy day walk through {place} — 4K ambience', 'Travel'],
    ['Cooking {food} for {num} people on a budget', 'Food'],
  ],
  policies: {
    violence: {
      weight: 22,
      titles: [
        '{sport} knockout compilation — {num} brutal finishes',
        'Street fight caught on camera in {place}',
        'Bodycam: arrest turns chaotic in {place}',
        'Hunting trip — field dressing explained',
        'Fight outside a {place} nightclub (raw footage)',
        'War footage analysis: drone strike near the front',
      ],
      categories: ['Sports', 'News', 'Outdoors', 'Documentary'],
      labels: { approve: 38, remove: 24, age_restrict: 28, escalate: 10 },
      notes: [
        'Newsworthiness exception applies (§4.2): documentary context present.',
        'Graphic injury visible at 0:42 — should not stay unrestricted.',
        'Sanctioned combat sport; violence policy does not apply (§4.5).',
        'Glorifying caption tips this into removal (§4.3).',
      ],
    },
    nudity: {
      weight: 16,
      titles: [
        'Beach day vlog in {place} (uncut)',
        'Art class: life drawing session {num}',
        'Swimwear try-on haul — summer {year}',
        'Breastfeeding tips from a lactation nurse',
        'Body painting at the {place} festival',
      ],
      categories: ['Vlog', 'Art', 'Fashion', 'Health'],
      labels: { approve: 40, remove: 22, age_restrict: 32, escalate: 6 },
      notes: [
        'Educational / health context exception (§2.4) applies.',
        'Artistic nudity is allowed with age restriction, not removal.',
        'Thumbnail is sexually suggestive even though the video is not (§2.1).',
      ],
    },
    hate_speech: {
      weight: 16,
      titles: [
        'Street interview: what {place} locals really think of newcomers',
        'Comedy set: {num} minutes on stereotypes',
        'Rant about outsiders ruining {place} (comments off)',
        'History lecture: propaganda posters of the 1930s',
        'Reacting to extremist speeches — debunked',
      ],
      categories: ['Comedy', 'News', 'Education', 'Commentary'],
      labels: { approve: 36, remove: 40, age_restrict: 10, escalate: 14 },
      notes: [
        'Counter-speech / educational framing (§1.6) — should be allowed.',
        'Dehumanising comparison at 3:10 is a Tier 1 violation (§1.2).',
        'Satire exception does not cover slurs in the title (§1.4).',
        'Protected attribute targeted indirectly — still in scope (§1.3).',
      ],
    },
    self_harm: {
      weight: 12,
      titles: [
        'My recovery story: {num} months clean',
        'Extreme fasting challenge — day {num}',
        'Talking about my scars (trigger warning)',
        'What I eat in a day at 1,000 calories',
        'Dangerous rooftop climb in {place}',
      ],
      categories: ['Vlog', 'Health', 'Challenge'],
      labels: { approve: 34, remove: 26, age_restrict: 22, escalate: 18 },
      notes: [
        'Recovery narrative is allowed; add resources, do not remove (§6.2).',
        'Promotes disordered eating — remove (§6.4).',
        'Imminent risk signals: escalate to the welfare team (§6.1).',
      ],
    },
    misinformation: {
      weight: 18,
      titles: [
        'Doctors HATE this {remedy} cure',
        'The truth about 5G towers in {place}',
        '{num} vaccine facts they do not want you to know',
        'Moon landing: new footage analysis',
        'Election night in {place}: what really happened',
      ],
      categories: ['Health', 'News', 'Science', 'Commentary'],
      labels: { approve: 30, remove: 42, age_restrict: 8, escalate: 20 },
      notes: [
        'Claim is contested, not debunked — label, do not remove (§5.3).',
        'Harmful health claim with a specific cure — remove (§5.1).',
        'Election integrity claims go to escalation during the civic window (§5.6).',
        'Conspiracy content without harm claim is out of scope (§5.2).',
      ],
    },
    spam: {
      weight: 16,
      titles: [
        'FREE {game} skins — link in description!!',
        'Earn $500/day from home (no experience)',
        '{game} hack {year} working — no ban',
        'Crypto giveaway LIVE — send 0.1 get 1 back',
        'Subscribe for a free phone — {num} winners',
      ],
      categories: ['Gaming', 'Finance', 'Entertainment'],
      labels: { approve: 18, remove: 70, age_restrict: 2, escalate: 10 },
      notes: [
        'Giveaway is run by a verified partner — not spam (§7.4).',
        'Off-platform link to a phishing domain — remove (§7.1).',
        'Repetitive uploads from the same network (§7.2).',
      ],
    },
  },
};

const posts: QueueSpec = {
  id: 'posts',
  name: 'Posts',
  prefix: 'PST',
  labels: ['approve', 'remove', 'label_misleading', 'escalate'],
  softLabel: 'label_misleading',
  benignTitles: [
    ['Best {food} in {place}? Visiting next week', 'Travel'],
    ['My sourdough finally worked after {num} tries', 'Hobbies'],
    ["Selling two tickets for Saturday's {sport} match", 'Marketplace'],
    ['Looking for a running buddy in {place}', 'Local'],
    ['Tech support: laptop fan will not stop', 'Tech'],
    ['Photos from my trip to {place}', 'Travel'],
    ['Anyone else playing {game} this weekend?', 'Hobbies'],
  ],
  policies: {
    hate_speech: {
      weight: 18,
      titles: [
        'Honestly {place} was better before they let everyone in',
        'Joke thread: worst stereotypes you have heard',
        'Can we talk about the new mosque in {place}?',
        '{sport} fans from {place} are animals lol',
        'Why I left my church (long post)',
      ],
      categories: ['Politics', 'Religion', 'Humor', 'Local'],
      labels: { approve: 38, remove: 40, label_misleading: 6, escalate: 16 },
      notes: [
        'Criticism of a religion, not its followers — allowed (§1.5).',
        'Generalisation about a protected group — remove (§1.2).',
        'Sports rivalry insult, not a protected attribute (§1.1).',
      ],
    },
    harassment: {
      weight: 16,
      titles: [
        'Exposing my ex — receipts inside',
        '@{handle} you should be ashamed of yourself',
        'Does anyone know where this guy from {place} lives?',
        "Screenshots of my coworker's DMs (thread)",
        'Rating everyone in my class from 1 to 10',
      ],
      categories: ['Relationships', 'Work', 'School', 'Local'],
      labels: { approve: 26, remove: 52, label_misleading: 2, escalate: 20 },
      notes: [
        'Doxxing request — escalate to the safety team (§3.1).',
        'Public figure criticism is allowed (§3.4).',
        'Private screenshots shared without consent — remove (§3.2).',
      ],
    },
    misinformation: {
      weight: 20,
      titles: [
        'Drinking {remedy} cured my flu in {num} hours',
        'BREAKING: {place} water supply poisoned?',
        'Polls in {place} closed early — share before deleted',
        'Study proves phones cause cancer (link)',
        'The earthquake in {place} was man-made',
      ],
      categories: ['Health', 'Politics', 'Science', 'News'],
      labels: { approve: 22, remove: 34, label_misleading: 34, escalate: 10 },
      notes: [
        'Contested claim: label as misleading, do not remove (§5.3).',
        'Voter suppression claim — remove under civic policy (§5.6).',
        'Personal anecdote without a cure claim — allowed (§5.2).',
      ],
    },
    spam: {
      weight: 18,
      titles: [
        'DM me for followers, {num}k in a week',
        'Best forex signals group — join now',
        'Work from home opportunity — message me',
        'Cheap {brand} {product}, link in bio',
        'Click here to claim your prize',
      ],
      categories: ['Finance', 'Marketplace', 'Entertainment'],
      labels: { approve: 14, remove: 74, label_misleading: 4, escalate: 8 },
      notes: ['Legitimate small-business post — not spam (§7.4).', 'Engagement bait with an off-platform link (§7.1).'],
    },
    self_harm: {
      weight: 12,
      titles: [
        'I do not see the point anymore',
        'Feeling really low tonight, cannot sleep',
        'Support thread: {num} days without self-harm',
        'Anyone else stop eating when stressed?',
      ],
      categories: ['Health', 'Support', 'Relationships'],
      labels: { approve: 40, remove: 10, label_misleading: 2, escalate: 48 },
      notes: [
        'Imminent risk language — escalate, do not approve (§6.1).',
        'Peer-support thread is allowed; add resources (§6.2).',
      ],
    },
    violence: {
      weight: 16,
      titles: [
        'Someone should teach the mayor of {place} a lesson',
        'Video of the {place} protest clash',
        'Dog fight in the park — owner did nothing',
        'Self-defence class recap, week {num}',
      ],
      categories: ['Politics', 'Local', 'News', 'Sports'],
      labels: { approve: 40, remove: 34, label_misleading: 4, escalate: 22 },
      notes: [
        'Veiled threat against a named official — remove (§4.1).',
        'Newsworthy protest footage without glorification (§4.2).',
        'Hyperbole, no credible threat (§4.4).',
      ],
    },
  },
};

const listings: QueueSpec = {
  id: 'listings',
  name: 'Product listings',
  prefix: 'LST',
  labels: ['approve', 'remove', 'counterfeit', 'escalate'],
  softLabel: 'escalate',
  benignTitles: [
    ['{brand} {product} — lightly used, size {size}', 'Fashion'],
    ['Mid-century teak sideboard, pickup in {place}', 'Home'],
    ['Vintage film camera, tested, with strap', 'Electronics'],
    ['Kids\' bike 16", like new', 'Sports'],
    ['Cast iron skillet set of {num}', 'Home'],
    ['{brand} {product} with original receipt', 'Fashion'],
  ],
  policies: {
    counterfeit: {
      weight: 34,
      titles: [
        '{brand} {product} — 1:1 mirror quality',
        'Designer {product}, AAA grade, fast shipping',
        '{brand} {product} bulk lot (unboxed, no receipt)',
        'Authentic* {brand} {product} — read description',
        '{brand}-inspired {product}, same factory',
      ],
      categories: ['Fashion', 'Watches', 'Accessories', 'Electronics', 'Beauty'],
      labels: { approve: 26, remove: 16, counterfeit: 48, escalate: 10 },
      notes: [
        'Price 85% below retail plus "mirror quality" — counterfeit (§8.2).',
        'Seller uploaded proof of purchase; authentic resale (§8.5).',
        '"Inspired" without brand logo is allowed (§8.4).',
        'Serial number format does not match the brand registry (§8.3).',
      ],
    },
    prohibited_goods: {
      weight: 26,
      titles: [
        'Vape cartridges, assorted flavours — {num} pack',
        'Prescription sleep aid — no script needed',
        'Pepper spray and stun baton bundle',
        'Carved ivory figurine, antique',
        'Fireworks clearance sale — Class B',
      ],
      categories: ['Health', 'Outdoors', 'Collectibles', 'Home'],
      labels: { approve: 20, remove: 62, counterfeit: 2, escalate: 16 },
      notes: [
        'Pre-ban antique with certificate — escalate, do not remove (§9.3).',
        'Prescription drugs are prohibited regardless of wording (§9.1).',
        "Self-defence sprays are allowed in the seller's region (§9.6).",
      ],
    },
    spam: {
      weight: 22,
      titles: [
        'Make $$$ with my dropshipping course',
        'Phone for $99 — message for link',
        'Contact me on WhatsApp for price',
        'Mystery box — guaranteed value $500',
        'Same listing relisted — {brand} {product}',
      ],
      categories: ['Electronics', 'Services', 'Other'],
      labels: { approve: 12, remove: 72, counterfeit: 6, escalate: 10 },
      notes: [
        'Off-platform payment request — remove (§7.3).',
        'Duplicate listing within 24 h — remove the copy only (§7.2).',
      ],
    },
    misinformation: {
      weight: 18,
      titles: [
        'Miracle {supplement} — reverses diabetes in {num} days',
        'Anti-5G radiation shield pendant',
        'Detox foot pads — removes heavy metals',
        'Colloidal silver immune booster 500 ml',
      ],
      categories: ['Health', 'Beauty', 'Wellness'],
      labels: { approve: 18, remove: 58, counterfeit: 2, escalate: 22 },
      notes: [
        'Disease-cure claim on a supplement — remove (§5.1).',
        'Wellness claim without disease cure — allowed (§5.2).',
      ],
    },
  },
};

/** The three demo queues, in nav order. */
export const QUEUE_SPECS: readonly QueueSpec[] = [videos, posts, listings];
