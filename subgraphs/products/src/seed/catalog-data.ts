/**
 * The vocabulary of the seed catalog: departments, their category groups and leaf
 * categories, and what products in each look like (title words, attributes,
 * options, price ranges, description sentences). Pure data; the generator draws
 * from it with a seeded generator.
 */

export interface AttributeSpec {
  readonly name: string;
  /** Pick one of these... */
  readonly values?: readonly string[];
  /** ...or a whole number in this range (inclusive), rounded to `step`, followed by `unit`. */
  readonly range?: readonly [number, number];
  readonly step?: number;
  readonly unit?: string;
}

export interface OptionSpec {
  readonly name: string;
  readonly values: readonly string[];
  /** How many values a product offers. */
  readonly min: number;
  readonly max: number;
  /** Neighbouring values (a run of sizes) rather than any subset. */
  readonly contiguous?: boolean;
  /** Minor units added per step up the value list (bigger sizes cost more). */
  readonly stepMinor?: number;
  /** Minor units added for each value, by position in `values`. */
  readonly deltasMinor?: readonly number[];
}

export interface SentenceContext {
  title: string;
  /** The product noun, lower case ("crew sweater" is "sweater"). */
  noun: string;
  brand: string | null;
  /** Agreement with the noun: "is"/"are", "s"/"" (a verb ending), "this"/"these". */
  is: string;
  s: string;
  this: string;
  /** The product's value for an attribute, as stored. */
  attr(name: string): string | undefined;
}

/** A description sentence, or null when it does not apply to this product. */
export type Sentence = (c: SentenceContext) => string | null;

export interface LeafSpec {
  readonly name: string;
  readonly nouns: readonly string[];
  readonly styles: readonly string[];
  readonly price?: readonly [number, number];
  readonly optionSets?: readonly (readonly OptionSpec[])[];
  /** Replace the department attribute of the same name, or add one. */
  readonly attributes?: readonly AttributeSpec[];
  /** Use only the leaf's attributes, none of the department's. */
  readonly ownAttributes?: boolean;
}

export interface GroupSpec {
  readonly name: string;
  readonly leaves: readonly LeafSpec[];
}

export interface DepartmentSpec {
  readonly name: string;
  /** SKU prefix of unbranded products. */
  readonly code: string;
  readonly adjectives: readonly string[];
  readonly adjectiveChance: number;
  readonly modelWords?: readonly string[];
  readonly modelChance?: number;
  readonly brandInTitle: boolean;
  /** What descriptions call every product of the department ("book"), instead of its noun. */
  readonly genericNoun?: string;
  /** Add a "Color family" attribute that agrees with the Color option. */
  readonly colorFamily?: boolean;
  readonly attributes: readonly AttributeSpec[];
  /** One of these is chosen per product; an empty set means a single Default variant. */
  readonly optionSets: readonly (readonly OptionSpec[])[];
  /** Whole currency units, before the .99/.95/.00 ending. */
  readonly price: readonly [number, number];
  readonly intros: readonly Sentence[];
  readonly details: readonly Sentence[];
  /** Words some of this department's brands end with ("Audio", "Outfitters"). */
  readonly brandSuffixes: readonly string[];
  readonly groups: readonly GroupSpec[];
}

export interface ColorSpec {
  readonly name: string;
  readonly family: string;
}

export const APPAREL_COLORS: readonly ColorSpec[] = [
  { name: 'Black', family: 'Black' },
  { name: 'Charcoal', family: 'Grey' },
  { name: 'Heather Grey', family: 'Grey' },
  { name: 'White', family: 'White' },
  { name: 'Ivory', family: 'White' },
  { name: 'Navy', family: 'Blue' },
  { name: 'Slate Blue', family: 'Blue' },
  { name: 'Forest Green', family: 'Green' },
  { name: 'Olive', family: 'Green' },
  { name: 'Burgundy', family: 'Red' },
  { name: 'Rust', family: 'Orange' },
  { name: 'Camel', family: 'Brown' },
  { name: 'Sand', family: 'Beige' },
  { name: 'Mustard', family: 'Yellow' },
  { name: 'Blush', family: 'Pink' },
];

export const PRODUCT_COLORS: readonly ColorSpec[] = [
  { name: 'Matte Black', family: 'Black' },
  { name: 'Silver', family: 'Grey' },
  { name: 'Graphite', family: 'Grey' },
  { name: 'White', family: 'White' },
  { name: 'Midnight Blue', family: 'Blue' },
  { name: 'Sage Green', family: 'Green' },
  { name: 'Coral', family: 'Red' },
  { name: 'Sand', family: 'Beige' },
];

export const COLOR_FAMILY = new Map<string, string>(
  [...APPAREL_COLORS, ...PRODUCT_COLORS].map((c) => [c.name, c.family] as const),
);

const apparelColor: OptionSpec = { name: 'Color', values: APPAREL_COLORS.map((c) => c.name), min: 1, max: 3 };
const productColor: OptionSpec = { name: 'Color', values: PRODUCT_COLORS.map((c) => c.name), min: 1, max: 3 };
const letterSize: OptionSpec = {
  name: 'Size',
  values: ['XS', 'S', 'M', 'L', 'XL', 'XXL'],
  min: 2,
  max: 5,
  contiguous: true,
};
const size = (values: readonly string[], min = 2, max = 4, stepMinor?: number): OptionSpec => ({
  name: 'Size',
  values,
  min,
  max,
  contiguous: true,
  ...(stepMinor === undefined ? {} : { stepMinor }),
});
const sml = size(['Small', 'Medium', 'Large'], 1, 3, 1000);

/** "a" or "an" before a word, by its first letter. */
export const an = (word: string) => (/^[aeiou]/i.test(word) ? `an ${word}` : `a ${word}`);
const lower = (value: string | undefined) => value?.toLowerCase();

/** Closing sentences that fit any product. */
export const CLOSERS: readonly Sentence[] = [
  () => 'Orders over $50 ship free, and returns are accepted within 30 days.',
  () => 'Backed by our no-quibble satisfaction guarantee.',
  () => 'It makes a thoughtful gift, too.',
  (c) => `Customers keep coming back to ${c.this} ${c.noun}.`,
  () => 'Packed in recyclable, plastic-free packaging.',
];

const apparel: DepartmentSpec = {
  name: 'Apparel',
  code: 'APP',
  adjectives: ['Classic', 'Everyday', 'Essential', 'Heritage', 'Modern', 'Lightweight', 'Premium', 'Weekend'],
  adjectiveChance: 0.45,
  brandInTitle: true,
  colorFamily: true,
  attributes: [
    {
      name: 'Material',
      values: [
        'Cotton',
        'Organic cotton',
        'Merino wool',
        'Linen',
        'Cotton-linen blend',
        'Recycled polyester',
        'Cashmere blend',
        'Brushed flannel',
        'Silk blend',
        'Denim',
      ],
    },
    { name: 'Fit', values: ['Regular', 'Slim', 'Relaxed', 'Oversized'] },
    { name: 'Care', values: ['Machine wash cold', 'Hand wash cold, lay flat to dry', 'Dry clean only'] },
    { name: 'Country of origin', values: ['Portugal', 'Peru', 'India', 'Vietnam', 'Turkey', 'USA'] },
  ],
  optionSets: [[apparelColor, letterSize], [apparelColor, letterSize], [letterSize], [apparelColor]],
  price: [14, 180],
  intros: [
    (c) => `The ${c.title} ${c.is} made from ${lower(c.attr('Material')) ?? 'soft cotton'} for all-day comfort.`,
    (c) => `${c.brand ?? 'Our studio'} designed ${c.this} ${c.noun} to be what you reach for first.`,
    () => 'A wardrobe staple that pairs as easily with denim as with tailoring.',
  ],
  details: [
    (c) => (c.attr('Fit') ? `The fit is ${lower(c.attr('Fit'))}, for easy layering through the seasons.` : null),
    (c) => (c.attr('Care') ? `Care: ${lower(c.attr('Care'))}.` : null),
    (c) => {
      const country = c.attr('Country of origin');
      return country ? `Made in ${country === 'USA' ? 'the USA' : country} in small production runs.` : null;
    },
    () => 'Reinforced seams and a pre-washed finish help keep the shape wash after wash.',
    () => 'Size up if you prefer a roomier feel.',
  ],
  brandSuffixes: ['Outfitters', 'Clothing', 'Supply', 'Studio', 'Knitwear'],
  groups: [
    {
      name: 'Men',
      leaves: [
        {
          name: 'Shirts',
          nouns: ['Shirt'],
          styles: ['Oxford', 'Flannel', 'Chambray', 'Poplin Button-Down', 'Linen Camp-Collar', 'Twill Overshirt'],
        },
        {
          name: 'T-Shirts',
          nouns: ['T-Shirt', 'Tee'],
          styles: ['Crew Neck', 'V-Neck', 'Pocket', 'Henley', 'Long-Sleeve', 'Slub Cotton'],
          price: [12, 45],
        },
        {
          name: 'Sweaters',
          nouns: ['Sweater', 'Cardigan', 'Pullover'],
          styles: ['Merino Crew', 'Cable-Knit', 'Quarter-Zip', 'Shawl-Collar', 'Lambswool V-Neck', 'Waffle-Knit'],
          price: [39, 190],
        },
        {
          name: 'Jackets',
          nouns: ['Jacket'],
          styles: ['Waxed Cotton', 'Quilted', 'Denim Trucker', 'Bomber', 'Rain Shell', 'Chore'],
          price: [59, 320],
        },
        {
          name: 'Pants',
          nouns: ['Chinos', 'Trousers', 'Joggers'],
          styles: ['Straight-Leg', 'Slim-Taper', 'Stretch Twill', 'Pleated', 'Cargo', 'Corduroy'],
          optionSets: [
            [apparelColor, size(['28', '30', '32', '34', '36', '38', '40'], 2, 5)],
            [size(['28', '30', '32', '34', '36', '38', '40'], 3, 6)],
          ],
        },
      ],
    },
    {
      name: 'Women',
      leaves: [
        {
          name: 'Dresses',
          nouns: ['Dress'],
          styles: ['Wrap', 'Midi Slip', 'Shirt', 'Maxi', 'Knit Sheath', 'Tiered'],
          price: [35, 220],
        },
        {
          name: 'Tops',
          nouns: ['Blouse', 'Top', 'Tank'],
          styles: ['Silk-Blend', 'Ruffle-Sleeve', 'Linen', 'Square-Neck', 'Ribbed', 'Peasant'],
        },
        {
          name: 'Sweaters',
          nouns: ['Sweater', 'Cardigan'],
          styles: ['Cashmere-Blend Crew', 'Mohair', 'Cropped', 'Turtleneck', 'Cable-Knit', 'Boyfriend'],
          price: [39, 210],
        },
        {
          name: 'Jeans',
          nouns: ['Jeans'],
          styles: ['High-Rise Skinny', 'Straight-Leg', 'Wide-Leg', 'Bootcut', 'Relaxed Mom', 'Barrel'],
          attributes: [{ name: 'Material', values: ['Rigid denim', 'Stretch denim', 'Organic cotton denim'] }],
          optionSets: [[size(['24', '25', '26', '27', '28', '29', '30', '31', '32'], 3, 6)]],
        },
        {
          name: 'Coats',
          nouns: ['Coat', 'Parka', 'Trench'],
          styles: ['Wool-Blend', 'Double-Breasted', 'Puffer', 'Belted', 'Teddy', 'Longline'],
          price: [79, 360],
        },
      ],
    },
    {
      name: 'Kids',
      leaves: [
        {
          name: 'Tops',
          nouns: ['Tee', 'Hoodie', 'Sweatshirt'],
          styles: ['Dino Print', 'Striped', 'Rainbow', 'Pocket', 'Fleece-Lined', 'Glow-in-the-Dark'],
          price: [9, 45],
          optionSets: [[apparelColor, size(['4', '5', '6', '7', '8', '10', '12', '14'], 2, 5)]],
        },
        {
          name: 'Bottoms',
          nouns: ['Leggings', 'Joggers', 'Shorts'],
          styles: ['Knee-Patch', 'Pull-On', 'Stretch', 'Cargo', 'French Terry'],
          price: [9, 40],
          optionSets: [[size(['4', '5', '6', '7', '8', '10', '12', '14'], 3, 6)]],
        },
        {
          name: 'Outerwear',
          nouns: ['Rain Jacket', 'Puffer Vest', 'Snow Jacket'],
          styles: ['Packable', 'Reflective', 'Fleece-Lined', 'Waterproof'],
          price: [25, 110],
          optionSets: [[apparelColor, size(['4', '5', '6', '7', '8', '10', '12', '14'], 2, 3)]],
        },
      ],
    },
  ],
};

const mensShoe = size(['7', '8', '9', '10', '11', '12', '13'], 3, 6);
const womensShoe = size(['5', '6', '7', '8', '9', '10', '11'], 3, 6);
const kidsShoe = size(['10C', '11C', '12C', '13C', '1Y', '2Y', '3Y'], 3, 6);

const footwear: DepartmentSpec = {
  name: 'Footwear',
  code: 'FTW',
  adjectives: ['Classic', 'Everyday', 'All-Terrain', 'Heritage', 'Lightweight', 'Premium'],
  adjectiveChance: 0.35,
  brandInTitle: true,
  colorFamily: true,
  attributes: [
    {
      name: 'Upper material',
      values: ['Full-grain leather', 'Suede', 'Canvas', 'Engineered knit', 'Nubuck', 'Recycled mesh'],
    },
    { name: 'Sole', values: ['Natural rubber', 'EVA foam', 'Crepe rubber', 'Lugged rubber'] },
    { name: 'Width', values: ['Standard', 'Standard', 'Wide'] },
  ],
  optionSets: [[apparelColor, mensShoe], [apparelColor, mensShoe], [mensShoe]],
  price: [35, 260],
  intros: [
    (c) =>
      `The ${c.title} pair${c.s} ${an(lower(c.attr('Upper material')) ?? 'leather')} upper with ${an(lower(c.attr('Sole')) ?? 'rubber')} sole.`,
    (c) =>
      `${c.brand ?? 'Our shoemakers'} built ${c.this} ${c.noun} to go from the morning commute to the weekend trail.`,
  ],
  details: [
    () => 'A cushioned footbed keeps you comfortable all day.',
    (c) => (c.attr('Width') ? `Offered in ${an(lower(c.attr('Width')) ?? 'standard')} width.` : null),
    () => 'Break-in time is minimal thanks to the flexible construction.',
    () => 'We recommend ordering your usual size.',
  ],
  brandSuffixes: ['Footwear', 'Shoe Co', 'Bootmakers'],
  groups: [
    {
      name: 'Men',
      leaves: [
        {
          name: 'Sneakers',
          nouns: ['Sneakers', 'Trainers'],
          styles: ['Low-Top Leather', 'Canvas', 'Retro Runner', 'Knit', 'Court', 'Suede'],
        },
        {
          name: 'Boots',
          nouns: ['Boots'],
          styles: ['Chelsea', 'Lace-Up Work', 'Chukka', 'Hiking', 'Moc-Toe', 'Waterproof Duck'],
          price: [79, 320],
        },
        {
          name: 'Dress Shoes',
          nouns: ['Oxfords', 'Loafers', 'Derbies', 'Brogues'],
          styles: ['Leather', 'Suede', 'Penny', 'Cap-Toe', 'Wingtip'],
          price: [69, 290],
        },
      ],
    },
    {
      name: 'Women',
      leaves: [
        {
          name: 'Sneakers',
          nouns: ['Sneakers', 'Trainers'],
          styles: ['Platform', 'Canvas', 'Retro Runner', 'Knit', 'Court', 'Slip-On'],
          optionSets: [[apparelColor, womensShoe], [womensShoe]],
        },
        {
          name: 'Boots',
          nouns: ['Boots', 'Ankle Boots'],
          styles: ['Chelsea', 'Heeled', 'Knee-High', 'Combat', 'Western', 'Shearling-Lined'],
          price: [79, 340],
          optionSets: [[apparelColor, womensShoe], [womensShoe]],
        },
        {
          name: 'Sandals',
          nouns: ['Sandals', 'Slides'],
          styles: ['Strappy', 'Platform', 'Leather', 'Braided', 'Cork Footbed'],
          price: [25, 140],
          optionSets: [[apparelColor, womensShoe], [womensShoe]],
        },
      ],
    },
    {
      name: 'Kids',
      leaves: [
        {
          name: 'Sneakers',
          nouns: ['Sneakers'],
          styles: ['Light-Up', 'Hook-and-Loop', 'Slip-On', 'Canvas', 'Trail'],
          price: [19, 70],
          optionSets: [[apparelColor, kidsShoe], [kidsShoe]],
        },
        {
          name: 'Rain Boots',
          nouns: ['Rain Boots', 'Wellies'],
          styles: ['Printed', 'Classic Rubber', 'Insulated', 'Puddle-Proof'],
          price: [19, 55],
          attributes: [
            { name: 'Upper material', values: ['Natural rubber', 'Recycled rubber', 'Neoprene-lined rubber'] },
          ],
          optionSets: [[apparelColor, kidsShoe], [kidsShoe]],
        },
      ],
    },
  ],
};

const storage = (values: readonly string[], stepMinor: number): OptionSpec => ({
  name: 'Storage',
  values,
  min: 1,
  max: 3,
  contiguous: true,
  stepMinor,
});
const battery = (min: number, max: number): AttributeSpec => ({
  name: 'Battery life',
  range: [min, max],
  step: 2,
  unit: 'hours',
});

const electronics: DepartmentSpec = {
  name: 'Electronics',
  code: 'ELC',
  adjectives: ['Compact', 'Smart', 'Portable', 'Next-Gen', 'Essential'],
  adjectiveChance: 0.2,
  modelWords: ['Pro', 'Max', 'Air', 'Lite', 'Plus', 'II', 'X2', 'S3', '300', '700', 'Studio', 'Mini'],
  modelChance: 0.5,
  brandInTitle: true,
  attributes: [{ name: 'Warranty', values: ['1 year', '1 year', '2 years', '3 years'] }],
  optionSets: [[productColor], [productColor], []],
  price: [19, 399],
  intros: [
    (c) => `The ${c.title} ${c.is} built for everyday reliability.`,
    (c) => `Meet the ${c.title}, designed to work straight out of the box.`,
    (c) => `${c.brand ?? 'Our engineers'} tuned ${c.this} ${c.noun} for performance without the fuss.`,
  ],
  details: [
    (c) => (c.attr('Connectivity') ? `Connectivity: ${c.attr('Connectivity')}.` : null),
    (c) => (c.attr('Battery life') ? `Battery life is rated at up to ${c.attr('Battery life')}.` : null),
    (c) => {
      const warranty = c.attr('Warranty');
      return warranty ? `Covered by a ${warranty.replace(/ years?$/, '-year')} limited warranty.` : null;
    },
    () => 'Firmware updates add features over time.',
    () => 'Everything you need to get started is in the box.',
  ],
  brandSuffixes: ['Audio', 'Labs', 'Electronics', 'Devices', 'Tech'],
  groups: [
    {
      name: 'Audio',
      leaves: [
        {
          name: 'Headphones',
          nouns: ['Headphones'],
          styles: ['Over-Ear Wireless', 'Noise-Cancelling', 'On-Ear', 'Studio Monitor', 'Open-Back'],
          price: [29, 449],
          attributes: [
            { name: 'Connectivity', values: ['Bluetooth 5.3', 'Bluetooth 5.3 and USB-C', 'Wired 3.5 mm'] },
            battery(20, 60),
          ],
        },
        {
          name: 'Earbuds',
          nouns: ['Earbuds'],
          styles: ['True Wireless', 'Sport', 'Noise-Cancelling', 'Bass Boost', 'Open-Fit'],
          price: [19, 279],
          attributes: [{ name: 'Connectivity', values: ['Bluetooth 5.2', 'Bluetooth 5.3'] }, battery(6, 12)],
        },
        {
          name: 'Speakers',
          nouns: ['Speaker', 'Soundbar'],
          styles: ['Portable Bluetooth', 'Waterproof', 'Smart', 'Bookshelf', 'Party'],
          price: [29, 599],
          attributes: [{ name: 'Connectivity', values: ['Bluetooth 5.0', 'Wi-Fi and Bluetooth', 'HDMI eARC'] }],
        },
      ],
    },
    {
      name: 'Computers & Accessories',
      leaves: [
        {
          name: 'Laptops',
          nouns: ['Laptop', 'Notebook'],
          styles: ['14-inch Ultralight', '16-inch Performance', '13-inch', 'Convertible 2-in-1', '15-inch Creator'],
          price: [399, 2199],
          optionSets: [[productColor, storage(['256 GB', '512 GB', '1 TB', '2 TB'], 15000)]],
          attributes: [{ name: 'Connectivity', values: ['Wi-Fi 6E and Bluetooth 5.3', 'Wi-Fi 7'] }, battery(8, 22)],
        },
        {
          name: 'Keyboards',
          nouns: ['Keyboard'],
          styles: ['Mechanical', 'Low-Profile Wireless', 'Compact', 'Ergonomic Split', 'Silent'],
          price: [24, 229],
          attributes: [{ name: 'Connectivity', values: ['Bluetooth and 2.4 GHz', 'USB-C wired', 'Bluetooth'] }],
        },
        {
          name: 'Mice',
          nouns: ['Mouse'],
          styles: ['Wireless', 'Ergonomic Vertical', 'Gaming', 'Travel', 'Silent-Click'],
          price: [14, 149],
          attributes: [{ name: 'Connectivity', values: ['Bluetooth', '2.4 GHz receiver', 'USB-C wired'] }],
        },
        {
          name: 'Monitors',
          nouns: ['Monitor', 'Display'],
          styles: ['27-inch 4K', '24-inch IPS', '34-inch Ultrawide', '32-inch Curved', '27-inch QHD'],
          price: [149, 999],
          optionSets: [[]],
          attributes: [{ name: 'Connectivity', values: ['HDMI and DisplayPort', 'USB-C and HDMI', 'USB4 and HDMI'] }],
        },
      ],
    },
    {
      name: 'Phones & Tablets',
      leaves: [
        {
          name: 'Tablets',
          nouns: ['Tablet'],
          styles: ['10-inch', '11-inch', '8-inch Kids', '12.9-inch'],
          price: [129, 1099],
          optionSets: [[productColor, storage(['64 GB', '128 GB', '256 GB', '512 GB'], 10000)]],
          attributes: [{ name: 'Connectivity', values: ['Wi-Fi 6', 'Wi-Fi 6 and 5G'] }, battery(10, 14)],
        },
        {
          name: 'Phone Cases',
          nouns: ['Phone Case', 'Folio Case'],
          styles: ['Clear', 'Rugged', 'Leather', 'Slim Silicone', 'Magnetic'],
          price: [12, 59],
        },
        {
          name: 'Chargers',
          nouns: ['Charger', 'Power Bank', 'Charging Stand'],
          styles: ['65W USB-C', '3-in-1 Wireless', '10,000 mAh', 'Fast', 'Travel'],
          price: [15, 89],
          attributes: [{ name: 'Connectivity', values: ['USB-C', 'USB-C and USB-A', 'Qi2 wireless'] }],
        },
      ],
    },
    {
      name: 'Cameras',
      leaves: [
        {
          name: 'Action Cameras',
          nouns: ['Action Camera'],
          styles: ['4K', 'Waterproof', '360-Degree', 'Helmet'],
          price: [79, 499],
          attributes: [{ name: 'Connectivity', values: ['Wi-Fi and Bluetooth', 'USB-C'] }, battery(2, 4)],
        },
        {
          name: 'Tripods',
          nouns: ['Tripod'],
          styles: ['Travel', 'Carbon Fiber', 'Tabletop', 'Video', 'Aluminum'],
          price: [19, 349],
          optionSets: [[]],
        },
        {
          name: 'Camera Bags',
          nouns: ['Camera Bag', 'Camera Backpack', 'Sling'],
          styles: ['Weatherproof', 'Roll-Top', 'Modular', 'Everyday'],
          price: [29, 229],
        },
      ],
    },
  ],
};

const home: DepartmentSpec = {
  name: 'Home & Kitchen',
  code: 'HOM',
  adjectives: ['Everyday', 'Signature', 'Artisan', 'Classic', 'Essential'],
  adjectiveChance: 0.3,
  brandInTitle: true,
  attributes: [
    { name: 'Material', values: ['Stainless steel', 'Ceramic', 'Glass', 'Cotton', 'Wood'] },
    { name: 'Care', values: ['Dishwasher safe', 'Hand wash recommended', 'Wipe clean'] },
  ],
  optionSets: [[sml], [productColor], []],
  price: [12, 250],
  intros: [
    (c) => `The ${c.title} bring${c.s} lasting quality to everyday routines.`,
    (c) => `${c.brand ?? 'Our designers'} made ${c.this} ${c.noun} to earn a permanent place in your home.`,
    (c) =>
      `Crafted from ${lower(c.attr('Material')) ?? 'durable materials'}, the ${c.noun} ${c.is} built to last for years.`,
  ],
  details: [
    (c) => (c.attr('Care') ? `Care: ${lower(c.attr('Care'))}.` : null),
    (c) => (c.attr('Oven safe to') ? `Oven safe to ${c.attr('Oven safe to')}.` : null),
    (c) => (c.attr('Thread count') ? `Woven at ${c.attr('Thread count')} threads per inch.` : null),
    () => 'Designed and tested in our own kitchen and home.',
    () => 'Its clean lines fit any style of home.',
  ],
  brandSuffixes: ['Home', 'Kitchen', 'House', 'Living', 'Goods'],
  groups: [
    {
      name: 'Cookware',
      leaves: [
        {
          name: 'Pans',
          nouns: ['Frying Pan', 'Skillet', 'Saute Pan'],
          styles: ['Cast Iron', 'Nonstick', 'Tri-Ply Stainless', 'Carbon Steel', 'Ceramic-Coated', 'Hard-Anodized'],
          price: [19, 180],
          optionSets: [[size(['8 in', '10 in', '12 in'], 1, 3, 1000)]],
          attributes: [
            { name: 'Material', values: ['Cast iron', 'Stainless steel', 'Carbon steel', 'Hard-anodized aluminum'] },
            { name: 'Oven safe to', values: ['350°F', '450°F', '500°F', '600°F'] },
            { name: 'Induction compatible', values: ['Yes', 'No'] },
          ],
        },
        {
          name: 'Pots',
          nouns: ['Stockpot', 'Saucepan', 'Dutch Oven', 'Braiser'],
          styles: ['Enameled Cast Iron', 'Tri-Ply Stainless', 'Copper-Core', 'Nonstick'],
          price: [29, 320],
          optionSets: [
            [
              {
                name: 'Capacity',
                values: ['2 qt', '3 qt', '5 qt', '7 qt', '8 qt'],
                min: 1,
                max: 4,
                contiguous: true,
                stepMinor: 1500,
              },
            ],
          ],
          attributes: [
            { name: 'Material', values: ['Enameled cast iron', 'Stainless steel', 'Copper-core stainless steel'] },
            { name: 'Oven safe to', values: ['450°F', '500°F'] },
          ],
        },
        {
          name: 'Bakeware',
          nouns: ['Baking Sheet', 'Cake Pan', 'Muffin Tin', 'Loaf Pan'],
          styles: ['Aluminized Steel', 'Nonstick', 'Glass', 'Silicone'],
          price: [9, 59],
          attributes: [{ name: 'Material', values: ['Aluminized steel', 'Borosilicate glass', 'Silicone'] }],
        },
      ],
    },
    {
      name: 'Kitchen Tools',
      leaves: [
        {
          name: 'Knives',
          nouns: ["Chef's Knife", 'Santoku Knife', 'Paring Knife', 'Knife Set'],
          styles: ['Forged German Steel', 'Damascus', 'Japanese VG-10', 'Ceramic'],
          price: [15, 299],
          optionSets: [[]],
          attributes: [
            { name: 'Material', values: ['High-carbon stainless steel', 'Damascus steel', 'Zirconia ceramic'] },
            { name: 'Care', values: ['Hand wash recommended'] },
          ],
        },
        {
          name: 'Cutting Boards',
          nouns: ['Cutting Board', 'Serving Board'],
          styles: ['End-Grain Walnut', 'Bamboo', 'Maple', 'Composite'],
          price: [15, 129],
          optionSets: [[sml]],
          attributes: [
            { name: 'Care', values: ['Hand wash, oil monthly'] },
            { name: 'Material', values: ['Walnut', 'Bamboo', 'Maple', 'Wood composite'] },
          ],
        },
        {
          name: 'Utensils',
          nouns: ['Spatula Set', 'Whisk', 'Tongs', 'Ladle'],
          styles: ['Silicone', 'Stainless Steel', 'Olivewood'],
          price: [6, 45],
          attributes: [{ name: 'Material', values: ['Silicone', 'Stainless steel', 'Olivewood'] }],
        },
      ],
    },
    {
      name: 'Bedding',
      leaves: [
        {
          name: 'Sheets',
          nouns: ['Sheet Set'],
          styles: ['Percale', 'Sateen', 'Linen', 'Bamboo Lyocell', 'Flannel'],
          price: [39, 260],
          optionSets: [
            [
              { ...productColor, values: ['White', 'Ivory', 'Sand', 'Sage Green', 'Midnight Blue'], max: 2 },
              size(['Twin', 'Full', 'Queen', 'King', 'California King'], 2, 3, 2000),
            ],
          ],
          attributes: [
            { name: 'Material', values: ['Long-staple cotton', 'Linen', 'Lyocell', 'Cotton flannel'] },
            { name: 'Thread count', range: [200, 600], step: 50 },
            { name: 'Care', values: ['Machine wash warm, tumble dry low'] },
          ],
        },
        {
          name: 'Pillows',
          nouns: ['Pillow', 'Pillow Pair'],
          styles: ['Down Alternative', 'Memory Foam', 'Latex', 'Buckwheat'],
          price: [25, 149],
          optionSets: [[size(['Standard', 'Queen', 'King'], 1, 3, 1000)]],
          attributes: [
            { name: 'Care', values: ['Machine wash warm', 'Spot clean'] },
            { name: 'Material', values: ['Cotton cover, polyester fill', 'Memory foam', 'Natural latex'] },
          ],
        },
        {
          name: 'Comforters',
          nouns: ['Duvet Insert', 'Comforter', 'Quilt'],
          styles: ['All-Season', 'Lightweight', 'Down', 'Washed Cotton'],
          price: [59, 349],
          optionSets: [[size(['Twin', 'Full/Queen', 'King/Cal King'], 1, 3, 3000)]],
          attributes: [
            { name: 'Care', values: ['Machine wash cold, tumble dry low', 'Dry clean recommended'] },
            { name: 'Material', values: ['Cotton shell, down fill', 'Cotton', 'Recycled polyester fill'] },
          ],
        },
      ],
    },
    {
      name: 'Home Decor',
      leaves: [
        {
          name: 'Lamps',
          nouns: ['Table Lamp', 'Floor Lamp', 'Desk Lamp'],
          styles: ['Ceramic', 'Brass Arc', 'Rattan', 'Mid-Century', 'Linen-Shade'],
          price: [29, 299],
          optionSets: [[productColor], []],
          attributes: [
            { name: 'Care', values: ['Wipe clean with a dry cloth'] },
            { name: 'Material', values: ['Ceramic', 'Brass', 'Rattan', 'Oak'] },
          ],
        },
        {
          name: 'Rugs',
          nouns: ['Area Rug', 'Runner'],
          styles: ['Hand-Woven Jute', 'Vintage-Look', 'Shag', 'Flatweave', 'Moroccan-Style'],
          price: [39, 499],
          optionSets: [[size(['2 x 3 ft', '5 x 8 ft', '8 x 10 ft', '9 x 12 ft'], 1, 4, 8000)]],
          attributes: [
            { name: 'Material', values: ['Jute', 'Wool', 'Polypropylene', 'Cotton'] },
            { name: 'Care', values: ['Spot clean', 'Vacuum regularly'] },
          ],
        },
        {
          name: 'Vases',
          nouns: ['Vase', 'Candle Holder'],
          styles: ['Stoneware', 'Hand-Blown Glass', 'Matte Ceramic', 'Terracotta'],
          price: [12, 120],
          attributes: [
            { name: 'Care', values: ['Hand wash recommended', 'Wipe clean'] },
            { name: 'Material', values: ['Stoneware', 'Glass', 'Ceramic', 'Terracotta'] },
          ],
        },
      ],
    },
  ],
};

const weight = (min: number, max: number): AttributeSpec => ({
  name: 'Weight',
  range: [min, max],
  step: 10,
  unit: 'g',
});

const sports: DepartmentSpec = {
  name: 'Sports & Outdoors',
  code: 'SPO',
  adjectives: ['Trail-Ready', 'Lightweight', 'Expedition', 'All-Weather', 'Everyday'],
  adjectiveChance: 0.3,
  modelWords: ['2', '3', 'Pro', 'UL', 'XT', 'Elite'],
  modelChance: 0.3,
  brandInTitle: true,
  attributes: [
    { name: 'Material', values: ['Ripstop nylon', 'Recycled polyester', 'Aluminum', 'Natural rubber'] },
    weight(150, 900),
  ],
  optionSets: [[productColor], []],
  price: [15, 350],
  intros: [
    (c) => `The ${c.title} ${c.is} built for hard use, season after season.`,
    (c) => `${c.brand ?? 'Our gear team'} field-tested ${c.this} ${c.noun} through every season.`,
    (c) => `Built from ${lower(c.attr('Material')) ?? 'tough materials'}, the ${c.noun} shrug${c.s} off hard use.`,
  ],
  details: [
    (c) => (c.attr('Weight') ? `Weight: ${c.attr('Weight')}.` : null),
    () => 'Every seam is checked by hand before it ships.',
    () => 'Repairs are covered for the life of the product.',
    () => 'Tested by our own athletes before it reaches you.',
  ],
  brandSuffixes: ['Outdoor', 'Gear', 'Athletics', 'Expeditions', 'Sport'],
  groups: [
    {
      name: 'Camping',
      leaves: [
        {
          name: 'Tents',
          nouns: ['Tent'],
          styles: ['Backpacking', 'Dome', 'Ultralight', 'Cabin', 'Family'],
          price: [79, 599],
          optionSets: [
            [
              {
                name: 'Capacity',
                values: ['1-Person', '2-Person', '3-Person', '4-Person', '6-Person'],
                min: 1,
                max: 3,
                contiguous: true,
                stepMinor: 4000,
              },
            ],
          ],
          attributes: [
            { name: 'Material', values: ['Ripstop nylon', 'Polyester taffeta', 'Silnylon'] },
            weight(900, 4800),
          ],
        },
        {
          name: 'Sleeping Bags',
          nouns: ['Sleeping Bag', 'Quilt'],
          styles: ['20°F Down', '30°F Synthetic', 'Mummy', 'Rectangular', 'Ultralight'],
          price: [49, 429],
          optionSets: [[productColor, size(['Regular', 'Long'], 1, 2, 2000)]],
          attributes: [
            weight(600, 1800),
            { name: 'Material', values: ['Ripstop nylon, 650-fill down', 'Recycled polyester insulation'] },
          ],
        },
        {
          name: 'Backpacks',
          nouns: ['Backpack', 'Daypack'],
          styles: ['45L Trekking', '28L', 'Hydration', 'Roll-Top', '65L Expedition'],
          price: [39, 329],
          attributes: [
            { name: 'Material', values: ['Ripstop nylon', 'Recycled polyester', 'Waxed canvas'] },
            weight(700, 2200),
          ],
        },
      ],
    },
    {
      name: 'Fitness',
      leaves: [
        {
          name: 'Yoga Mats',
          nouns: ['Yoga Mat'],
          styles: ['6 mm Cushioned', 'Natural Rubber', 'Travel', 'Cork'],
          price: [19, 129],
          attributes: [
            weight(900, 2500),
            { name: 'Material', values: ['Natural rubber', 'Cork and rubber', 'TPE foam'] },
          ],
        },
        {
          name: 'Dumbbells',
          ownAttributes: true,
          nouns: ['Dumbbell Pair', 'Adjustable Dumbbell'],
          styles: ['Hex Rubber', 'Neoprene', 'Chrome', 'Urethane'],
          price: [19, 249],
          optionSets: [
            [
              {
                name: 'Weight',
                values: ['5 lb', '10 lb', '15 lb', '20 lb', '25 lb', '30 lb'],
                min: 2,
                max: 6,
                contiguous: true,
                stepMinor: 1000,
              },
            ],
          ],
          attributes: [
            { name: 'Material', values: ['Rubber-coated cast iron', 'Neoprene-coated iron', 'Chrome steel'] },
          ],
        },
        {
          name: 'Resistance Bands',
          nouns: ['Resistance Band Set', 'Loop Band Set'],
          styles: ['Fabric', 'Anti-Snap', 'Heavy-Duty', 'Pilates'],
          price: [9, 49],
          attributes: [{ name: 'Material', values: ['Woven fabric', 'TPE', 'Natural latex'] }, weight(100, 400)],
        },
      ],
    },
    {
      name: 'Cycling',
      leaves: [
        {
          name: 'Helmets',
          nouns: ['Helmet'],
          styles: ['Road', 'Mountain Bike', 'Commuter', 'Urban'],
          price: [39, 279],
          optionSets: [[productColor, size(['S', 'M', 'L'], 2, 3)]],
          attributes: [weight(220, 450), { name: 'Material', values: ['In-mold polycarbonate and EPS foam'] }],
        },
        {
          name: 'Bike Lights',
          nouns: ['Bike Light Set', 'Headlight', 'Tail Light'],
          styles: ['USB Rechargeable', '1000-Lumen', 'Smart Brake', 'Commuter'],
          price: [15, 149],
          optionSets: [[]],
          attributes: [weight(60, 250), { name: 'Material', values: ['Aluminum', 'Polycarbonate'] }],
        },
        {
          name: 'Water Bottles',
          nouns: ['Water Bottle', 'Bottle'],
          styles: ['Insulated', 'Squeeze', 'Filter', 'Collapsible'],
          price: [9, 45],
          optionSets: [
            [productColor],
            [{ name: 'Capacity', values: ['500 ml', '750 ml', '1 l'], min: 2, max: 3, stepMinor: 300 }],
          ],
          attributes: [
            weight(150, 450),
            { name: 'Material', values: ['Stainless steel', 'BPA-free plastic', 'Silicone'] },
          ],
        },
      ],
    },
  ],
};

const ml = (values: readonly string[], stepMinor: number): OptionSpec => ({
  name: 'Size',
  values,
  min: 1,
  max: 3,
  contiguous: true,
  stepMinor,
});

const hairAttributes: readonly AttributeSpec[] = [
  { name: 'Hair type', values: ['All', 'Fine', 'Thick', 'Curly', 'Color-treated', 'Dry'] },
  { name: 'Scent', values: ['Unscented', 'Citrus', 'Rosemary mint', 'Coconut', 'Sandalwood'] },
  { name: 'Cruelty-free', values: ['Yes'] },
];

const beauty: DepartmentSpec = {
  name: 'Beauty',
  code: 'BEA',
  adjectives: ['Daily', 'Gentle', 'Clean', 'Intensive', 'Botanical'],
  adjectiveChance: 0.35,
  brandInTitle: true,
  attributes: [
    { name: 'Skin type', values: ['All skin types', 'Dry', 'Oily', 'Combination', 'Sensitive'] },
    { name: 'Scent', values: ['Unscented', 'Citrus', 'Lavender', 'Eucalyptus', 'Vanilla', 'Green tea'] },
    { name: 'Cruelty-free', values: ['Yes'] },
  ],
  optionSets: [[ml(['30 ml', '50 ml', '100 ml'], 800)], []],
  price: [8, 95],
  intros: [
    (c) => {
      const skin = c.attr('Skin type');
      if (!skin) return null;
      return `The ${c.title} ${c.is} formulated for ${skin === 'All skin types' ? 'all skin types' : `${skin.toLowerCase()} skin`}.`;
    },
    (c) => {
      const hair = c.attr('Hair type');
      if (!hair) return null;
      return `The ${c.title} ${c.is} made for ${hair === 'All' ? 'all hair types' : `${hair.toLowerCase()} hair`}.`;
    },
    (c) => `${c.brand ?? 'Our lab'} developed ${c.this} ${c.noun} with dermatologists.`,
    () => 'A small daily ritual that leaves you feeling cared for.',
  ],
  details: [
    (c) => (c.attr('Scent') ? `Scent: ${lower(c.attr('Scent'))}.` : null),
    () => 'Free from parabens and sulfates.',
    () => 'Never tested on animals.',
    () => 'Packaged in recycled glass and aluminum.',
  ],
  brandSuffixes: ['Beauty', 'Botanics', 'Skin', 'Apothecary', 'Naturals'],
  groups: [
    {
      name: 'Skincare',
      leaves: [
        {
          name: 'Moisturizers',
          nouns: ['Moisturizer', 'Face Cream', 'Gel Cream'],
          styles: ['Hydrating', 'Daily SPF 30', 'Night Repair', 'Oil-Free', 'Barrier'],
        },
        {
          name: 'Cleansers',
          nouns: ['Cleanser', 'Cleansing Balm', 'Face Wash'],
          styles: ['Foaming', 'Gentle', 'Micellar', 'Exfoliating'],
          price: [8, 45],
        },
        {
          name: 'Serums',
          nouns: ['Serum', 'Face Oil'],
          styles: ['Vitamin C', 'Hyaluronic Acid', 'Niacinamide', 'Retinol', 'Peptide'],
          price: [14, 120],
          optionSets: [[ml(['15 ml', '30 ml', '50 ml'], 1200)], []],
        },
      ],
    },
    {
      name: 'Hair Care',
      leaves: [
        {
          name: 'Shampoo',
          ownAttributes: true,
          attributes: hairAttributes,
          nouns: ['Shampoo'],
          styles: ['Volumizing', 'Moisture', 'Clarifying', 'Color-Safe', 'Scalp Care'],
          price: [8, 42],
          optionSets: [[ml(['250 ml', '500 ml', '1 l'], 900)]],
        },
        {
          name: 'Conditioner',
          ownAttributes: true,
          attributes: hairAttributes,
          nouns: ['Conditioner', 'Hair Mask'],
          styles: ['Repairing', 'Moisture', 'Lightweight', 'Color-Safe', 'Curl'],
          price: [8, 45],
          optionSets: [[ml(['250 ml', '500 ml', '1 l'], 900)]],
        },
        {
          name: 'Styling',
          ownAttributes: true,
          attributes: hairAttributes,
          nouns: ['Hair Oil', 'Styling Cream', 'Texture Spray', 'Pomade'],
          styles: ['Argan', 'Sea Salt', 'Matte', 'Heat-Protect'],
          price: [9, 39],
        },
      ],
    },
    {
      name: 'Fragrance',
      leaves: [
        {
          name: 'Perfume',
          nouns: ['Eau de Parfum', 'Eau de Toilette'],
          styles: ['Amber', 'Citrus', 'Vetiver', 'Fig', 'Sea Salt', 'Rose Oud'],
          price: [39, 210],
          optionSets: [[ml(['30 ml', '50 ml', '100 ml'], 3000)]],
        },
        {
          name: 'Body Mist',
          nouns: ['Body Mist', 'Hair and Body Mist'],
          styles: ['Neroli', 'Vanilla Bean', 'Coconut', 'White Tea'],
          price: [12, 45],
        },
      ],
    },
    {
      name: 'Bath & Body',
      leaves: [
        {
          name: 'Body Wash',
          nouns: ['Body Wash', 'Shower Gel'],
          styles: ['Eucalyptus', 'Oatmeal', 'Citrus', 'Charcoal'],
          price: [6, 29],
        },
        {
          name: 'Body Lotion',
          nouns: ['Body Lotion', 'Body Butter'],
          styles: ['Shea', 'Cocoa', 'Unscented', 'Firming'],
          price: [8, 39],
        },
      ],
    },
  ],
};

const toys: DepartmentSpec = {
  name: 'Toys & Games',
  code: 'TOY',
  adjectives: ['Deluxe', 'Classic', 'Mini', 'Jumbo', 'Collector'],
  adjectiveChance: 0.25,
  brandInTitle: true,
  attributes: [{ name: 'Age range', values: ['3+', '5+', '6+', '8+', '10+', '14+'] }],
  optionSets: [[], [], [productColor]],
  price: [9, 129],
  intros: [
    (c) => `The ${c.title} turn${c.s} any afternoon into an adventure.`,
    (c) => `${c.brand ?? 'Our toy makers'} designed ${c.this} ${c.noun} for hours of open-ended play.`,
    (c) => {
      const age = c.attr('Age range') ?? '6+';
      const audience = age === 'Adults' ? 'Made for adults' : `Recommended for ages ${age}`;
      return `${audience}, the ${c.noun} ${c.is} easy to learn and hard to put down.`;
    },
  ],
  details: [
    (c) => (c.attr('Players') ? `Players: ${c.attr('Players')}.` : null),
    () => 'Safety-tested to international toy standards.',
    () => 'Batteries are not required.',
    () => 'Everything packs back into the box for next time.',
  ],
  brandSuffixes: ['Toys', 'Games', 'Playworks', 'Toy Co'],
  groups: [
    {
      name: 'Toys',
      leaves: [
        {
          name: 'Building Sets',
          nouns: ['Building Set', 'Construction Kit'],
          styles: ['Space Station', 'Castle', 'City Fire Station', 'Race Car', 'Robot', 'Pirate Ship'],
          price: [14, 199],
          optionSets: [[]],
          attributes: [{ name: 'Pieces', range: [120, 2400], step: 10 }],
        },
        {
          name: 'Plush Toys',
          nouns: ['Plush', 'Stuffed Animal'],
          styles: ['Sleepy Bear', 'Giant Panda', 'Dragon', 'Bunny', 'Whale', 'Sloth'],
          price: [9, 59],
          optionSets: [[sml], []],
          attributes: [{ name: 'Age range', values: ['0+', '3+', '5+'] }],
        },
        {
          name: 'Remote Control Cars',
          nouns: ['RC Truck', 'RC Car'],
          styles: ['Off-Road', 'Rock Crawler', 'Drift', 'Stunt', 'Monster'],
          price: [29, 249],
        },
      ],
    },
    {
      name: 'Games & Puzzles',
      leaves: [
        {
          name: 'Board Games',
          nouns: ['Board Game', 'Strategy Game', 'Party Game'],
          styles: ['Island Trading', 'Dungeon Crawl', 'Family', 'Cooperative', 'Word'],
          price: [14, 89],
          optionSets: [[]],
          attributes: [
            { name: 'Age range', values: ['8+', '10+', '14+', 'Adults'] },
            { name: 'Players', values: ['1-4', '2-4', '2-6', '3-8'] },
          ],
        },
        {
          name: 'Jigsaw Puzzles',
          nouns: ['Jigsaw Puzzle'],
          styles: ['Mountain Lake', 'Botanical', 'Vintage Map', 'Cityscape', 'Night Sky'],
          price: [9, 39],
          optionSets: [
            [
              {
                name: 'Pieces',
                values: ['300 pieces', '500 pieces', '1000 pieces', '1500 pieces'],
                min: 1,
                max: 3,
                contiguous: true,
                stepMinor: 500,
              },
            ],
          ],
          attributes: [
            { name: 'Age range', values: ['8+', '10+', '14+', 'Adults'] },
            { name: 'Players', values: ['1+'] },
          ],
        },
        {
          name: 'Card Games',
          nouns: ['Card Game', 'Deck'],
          styles: ['Fast-Paced', 'Trivia', 'Bluffing', 'Pocket'],
          price: [7, 29],
          optionSets: [[]],
          attributes: [
            { name: 'Age range', values: ['8+', '10+', '14+', 'Adults'] },
            { name: 'Players', values: ['1-4', '2-4', '2-6', '3-8'] },
          ],
        },
      ],
    },
  ],
};

const format: OptionSpec = {
  name: 'Format',
  values: ['Paperback', 'Hardcover', 'Ebook', 'Audiobook'],
  min: 1,
  max: 3,
  deltasMinor: [0, 1000, -500, 800],
};

const books: DepartmentSpec = {
  name: 'Books',
  code: 'BOK',
  adjectives: [],
  adjectiveChance: 0,
  brandInTitle: false,
  genericNoun: 'book',
  attributes: [
    { name: 'Pages', range: [96, 720], step: 8 },
    { name: 'Language', values: ['English'] },
    { name: 'Publication year', range: [2012, 2026] },
  ],
  optionSets: [[format]],
  price: [9, 35],
  intros: [
    (c) => `${c.title} is ${c.brand ? `${c.brand}'s` : 'this season’s'} most talked-about release.`,
    (c) => `Readers call ${c.title} impossible to put down.`,
    (c) => `First published in ${c.attr('Publication year') ?? '2020'}, ${c.title} has found a devoted following.`,
  ],
  details: [
    (c) => (c.attr('Pages') ? `It runs to ${c.attr('Pages')} pages.` : null),
    () => 'A perfect pick for book clubs, with discussion questions at the back.',
    () => 'Available in print and digital editions.',
    () => 'The author lives by the sea with two dogs and far too many books.',
  ],
  brandSuffixes: ['Press', 'Books', 'Publishing', 'House'],
  groups: [
    {
      name: 'Fiction',
      leaves: [
        {
          name: 'Mystery & Thriller',
          nouns: ['Alibi', 'Witness', 'Harbor', 'Cellar', 'Verdict', 'Stranger', 'Lighthouse', 'Inheritance'],
          styles: ['The Silent', 'The Last', 'The Hidden', 'The Drowned', 'The Vanishing', 'A Quiet'],
        },
        {
          name: 'Science Fiction & Fantasy',
          nouns: ['Star', 'Colony', 'Signal', 'Frontier', 'Machine', 'Empire', 'Crown', 'Gate'],
          styles: ['The Distant', 'The Hollow', 'The Ninth', 'The Burning', 'The Iron', 'The Last'],
        },
        {
          name: 'Literary Fiction',
          nouns: ['Orchard', 'Summer', 'House', 'River', 'Daughters', 'Garden', 'Season'],
          styles: ['The Long', 'A Small', 'The Golden', 'The Faraway', 'A Second', 'The Quiet'],
        },
        {
          name: 'Romance',
          nouns: ['Proposal', 'Summer', 'Promise', 'Kiss', 'Arrangement', 'Wedding'],
          styles: ['The Unexpected', 'One Perfect', 'The Accidental', 'A Very Merry', 'The Borrowed'],
        },
      ],
    },
    {
      name: 'Non-Fiction',
      leaves: [
        {
          name: 'Cookbooks',
          nouns: ['Suppers', 'Baking', 'Kitchen', 'Vegetables', 'Breakfasts', 'Noodles'],
          styles: ['Weeknight', 'Sunday', 'Simple', 'Rustic', 'One-Pan', 'Plant-Based'],
        },
        {
          name: 'History',
          nouns: ['Silk Road', 'Atlantic', 'Printing Press', 'Great Libraries', 'Spice Trade', 'Railways'],
          styles: ['A Short History of the', 'The Rise of the', 'Empires of the', 'The Secret Life of the'],
        },
        {
          name: 'Self-Help',
          nouns: ['Habits', 'Focus', 'Mornings', 'Calm', 'Decisions', 'Rest'],
          styles: ['Gentle', 'Deep', 'Better', 'Slow', 'Unhurried'],
        },
        {
          name: 'Biography',
          nouns: ['Life', 'Journey', 'Century', 'Summer', 'Voice'],
          styles: ['An Extraordinary', 'A Restless', 'My Unlikely', 'The Lost'],
        },
      ],
    },
    {
      name: "Children's Books",
      leaves: [
        {
          name: 'Picture Books',
          nouns: ['Bear', 'Moon', 'Dragon', 'Garden', 'Little Boat', 'Balloon'],
          styles: ['The Sleepy', 'Hello, Little', 'The Very Brave', 'Where Is the', 'The Tiny'],
          price: [7, 19],
        },
        {
          name: 'Middle Grade',
          nouns: ['Mapmakers', 'Island', 'Detectives', 'Clocktower', 'Robot'],
          styles: ['The Secret', 'The Incredible', 'The Mystery of the', 'Journey to the'],
          price: [7, 22],
        },
        {
          name: 'Young Adult',
          nouns: ['Rebels', 'Crown', 'Storm', 'Academy', 'Tides'],
          styles: ['The Wild', 'Shadow', 'The Stolen', 'Daughter of the'],
          price: [9, 24],
        },
      ],
    },
  ],
};

const garden: DepartmentSpec = {
  name: 'Garden & Outdoor',
  code: 'GAR',
  adjectives: ['Heavy-Duty', 'Classic', 'Weatherproof', 'Professional', 'Compact'],
  adjectiveChance: 0.3,
  brandInTitle: true,
  attributes: [
    { name: 'Material', values: ['Powder-coated steel', 'Stainless steel', 'FSC-certified wood', 'Recycled plastic'] },
    { name: 'Weather resistant', values: ['Yes', 'Yes', 'No'] },
  ],
  optionSets: [[productColor], [sml], []],
  price: [9, 320],
  intros: [
    (c) => `The ${c.title} make${c.s} time outdoors easier.`,
    (c) => `${c.brand ?? 'Our growers'} put ${c.this} ${c.noun} through a full season of testing.`,
    (c) =>
      `Made from ${lower(c.attr('Material')) ?? 'weatherproof materials'}, the ${c.noun} handle${c.s} sun and rain.`,
  ],
  details: [
    (c) => (c.attr('Weather resistant') === 'Yes' ? 'Weather resistant enough to stay outside all year.' : null),
    () => 'Designed with gardeners and tested in real backyards.',
    () => 'Assembly takes minutes with the included hardware.',
    () => 'Replacement parts are available for years after purchase.',
  ],
  brandSuffixes: ['Garden', 'Growers', 'Yard', 'Outdoor Living'],
  groups: [
    {
      name: 'Gardening Tools',
      leaves: [
        {
          name: 'Pruners',
          nouns: ['Pruning Shears', 'Loppers', 'Hedge Shears'],
          styles: ['Bypass', 'Anvil', 'Ratchet', 'Telescoping'],
          price: [12, 89],
          optionSets: [[]],
          attributes: [{ name: 'Material', values: ['Carbon steel', 'Stainless steel', 'Hardened steel'] }],
        },
        {
          name: 'Hand Tools',
          nouns: ['Trowel', 'Hand Fork', 'Weeder', 'Transplanter'],
          styles: ['Stainless', 'Ash-Handled', 'Ergonomic', 'Forged'],
          price: [8, 45],
          optionSets: [[]],
          attributes: [{ name: 'Material', values: ['Stainless steel', 'Forged carbon steel', 'Ash wood and steel'] }],
        },
        {
          name: 'Hoses & Watering',
          nouns: ['Garden Hose', 'Watering Can', 'Hose Nozzle'],
          styles: ['Expandable', 'Kink-Free', 'Galvanized', 'Lightweight'],
          price: [9, 99],
          optionSets: [
            [{ name: 'Length', values: ['25 ft', '50 ft', '75 ft', '100 ft'], min: 1, max: 3, stepMinor: 1000 }],
            [],
          ],
          attributes: [{ name: 'Material', values: ['Reinforced rubber', 'Galvanized steel', 'Recycled plastic'] }],
        },
      ],
    },
    {
      name: 'Outdoor Furniture',
      leaves: [
        {
          name: 'Chairs',
          nouns: ['Adirondack Chair', 'Lounge Chair', 'Dining Chair', 'Rocking Chair'],
          styles: ['Teak', 'Recycled Poly', 'Acacia', 'Aluminum', 'Wicker'],
          price: [69, 499],
          optionSets: [[productColor]],
          attributes: [
            {
              name: 'Material',
              values: ['Teak', 'Recycled poly lumber', 'Acacia wood', 'Powder-coated aluminum', 'All-weather wicker'],
            },
          ],
        },
        {
          name: 'Tables',
          nouns: ['Dining Table', 'Side Table', 'Bistro Table'],
          styles: ['Teak', 'Mosaic', 'Acacia', 'Aluminum', 'Folding'],
          price: [59, 899],
          optionSets: [[productColor], []],
          attributes: [
            { name: 'Material', values: ['Teak', 'Acacia wood', 'Powder-coated aluminum', 'Mosaic tile and steel'] },
          ],
        },
        {
          name: 'Hammocks',
          nouns: ['Hammock', 'Hammock Chair'],
          styles: ['Quilted', 'Rope', 'Brazilian Cotton', 'Travel'],
          price: [29, 199],
          attributes: [
            { name: 'Material', values: ['Cotton rope', 'Quilted polyester', 'Brazilian cotton', 'Parachute nylon'] },
          ],
        },
      ],
    },
    {
      name: 'Planters',
      leaves: [
        {
          name: 'Pots & Planters',
          nouns: ['Planter', 'Window Box', 'Plant Pot'],
          styles: ['Glazed Ceramic', 'Galvanized Steel', 'Self-Watering', 'Terracotta', 'Fiberstone'],
          price: [12, 149],
          optionSets: [[sml], [productColor]],
          attributes: [
            {
              name: 'Material',
              values: ['Glazed ceramic', 'Galvanized steel', 'Fiberstone', 'Terracotta', 'Recycled plastic'],
            },
          ],
        },
        {
          name: 'Raised Beds',
          nouns: ['Raised Garden Bed', 'Elevated Planter'],
          styles: ['Cedar', 'Galvanized Steel', 'Modular', 'Tiered'],
          price: [49, 349],
          optionSets: [[size(['2 x 4 ft', '4 x 4 ft', '4 x 8 ft'], 1, 3, 4000)]],
          attributes: [{ name: 'Material', values: ['Cedar', 'Galvanized steel', 'Recycled plastic'] }],
        },
      ],
    },
    {
      name: 'Grills & Outdoor Cooking',
      leaves: [
        {
          name: 'Grills',
          nouns: ['Gas Grill', 'Charcoal Grill', 'Pellet Grill', 'Kamado Grill'],
          styles: ['3-Burner', 'Portable', 'Kettle', 'Smart', 'Tabletop'],
          price: [99, 1299],
          optionSets: [[]],
          attributes: [
            { name: 'Material', values: ['Stainless steel', 'Cast iron', 'Porcelain-coated steel', 'Ceramic'] },
          ],
        },
        {
          name: 'Pizza Ovens',
          nouns: ['Pizza Oven'],
          styles: ['Wood-Fired', 'Gas-Powered', 'Multi-Fuel', 'Portable'],
          price: [199, 899],
          optionSets: [[]],
          attributes: [{ name: 'Material', values: ['Stainless steel', 'Cordierite stone and steel'] }],
        },
      ],
    },
  ],
};

const pets: DepartmentSpec = {
  name: 'Pet Supplies',
  code: 'PET',
  adjectives: ['Cozy', 'Durable', 'Deluxe', 'Everyday', 'Calming'],
  adjectiveChance: 0.35,
  brandInTitle: true,
  attributes: [
    { name: 'Material', values: ['Recycled polyester', 'Cotton canvas', 'Natural rubber', 'Nylon webbing'] },
    { name: 'Machine washable', values: ['Yes', 'No'] },
  ],
  optionSets: [[productColor, size(['S', 'M', 'L', 'XL'], 2, 3, 800)], [size(['S', 'M', 'L', 'XL'], 2, 4, 800)], []],
  price: [7, 149],
  intros: [
    (c) => `The ${c.title} keep${c.s} tails wagging.`,
    (c) => `${c.brand ?? 'Our pet team'} designed ${c.this} ${c.noun} with vets and very opinionated pets.`,
    (c) => `Made from ${lower(c.attr('Material')) ?? 'pet-safe materials'}, the ${c.noun} stand${c.s} up to daily use.`,
  ],
  details: [
    (c) => (c.attr('Machine washable') === 'Yes' ? 'Machine washable for easy care.' : null),
    () => 'Non-toxic and pet safe.',
    () => 'Measure your pet before choosing a size.',
  ],
  brandSuffixes: ['Pets', 'Pet Co', 'Paws'],
  groups: [
    {
      name: 'Dogs',
      leaves: [
        {
          name: 'Dog Beds',
          nouns: ['Dog Bed', 'Crate Mat'],
          styles: ['Orthopedic', 'Bolster', 'Donut', 'Cooling', 'Memory Foam'],
          price: [29, 199],
          attributes: [{ name: 'Material', values: ['Recycled polyester', 'Memory foam', 'Cotton canvas'] }],
        },
        {
          name: 'Leashes & Collars',
          nouns: ['Leash', 'Collar', 'Harness'],
          styles: ['Reflective', 'Leather', 'No-Pull', 'Hands-Free', 'Padded'],
          price: [9, 59],
          attributes: [{ name: 'Material', values: ['Nylon webbing', 'Leather', 'Biothane'] }],
        },
        {
          name: 'Dog Toys',
          nouns: ['Chew Toy', 'Tug Rope', 'Fetch Ball'],
          styles: ['Squeaky', 'Indestructible', 'Treat-Dispensing', 'Floating'],
          price: [6, 29],
          optionSets: [[size(['S', 'M', 'L'], 1, 3, 200)], []],
          attributes: [{ name: 'Material', values: ['Natural rubber', 'Cotton rope', 'Recycled plush'] }],
        },
      ],
    },
    {
      name: 'Cats',
      leaves: [
        {
          name: 'Cat Trees',
          nouns: ['Cat Tree', 'Cat Tower', 'Scratching Post'],
          styles: ['Sisal', 'Modern Wood', 'Multi-Level', 'Wall-Mounted'],
          price: [29, 249],
          optionSets: [[productColor], []],
          attributes: [{ name: 'Material', values: ['Sisal and plush', 'Solid wood and sisal', 'Engineered wood'] }],
        },
        {
          name: 'Cat Toys',
          nouns: ['Wand Toy', 'Catnip Mouse Set', 'Tunnel'],
          styles: ['Feather', 'Crinkle', 'Interactive', 'Organic Catnip'],
          price: [5, 25],
          optionSets: [[]],
          attributes: [
            { name: 'Material', values: ['Feathers and wood', 'Organic catnip and cotton', 'Recycled polyester'] },
          ],
        },
      ],
    },
  ],
};

export const DEPARTMENTS: readonly DepartmentSpec[] = [
  apparel,
  footwear,
  electronics,
  home,
  sports,
  beauty,
  toys,
  books,
  garden,
  pets,
];

/** Halves of invented compound brand names ("North" + "wind"). */
export const BRAND_HEADS = [
  'North',
  'Blue',
  'Iron',
  'Silver',
  'Oak',
  'Stone',
  'Wild',
  'Cedar',
  'Bright',
  'High',
  'Still',
  'True',
  'Fern',
  'River',
  'Summit',
  'Harbor',
  'Pine',
  'Copper',
  'Cloud',
  'Moss',
  'Swift',
  'Maple',
  'Birch',
  'Ember',
  'Lark',
  'Alder',
  'Juniper',
  'Tide',
] as const;

export const BRAND_TAILS = [
  'wind',
  'field',
  'forge',
  'line',
  'craft',
  'wood',
  'well',
  'brook',
  'ridge',
  'haven',
  'peak',
  'works',
  'mark',
  'light',
  'vale',
  'stead',
  'ward',
  'bloom',
] as const;

/** Syllables of invented single-word brand names ("Vel" + "ora"). */
export const BRAND_ONSETS = [
  'Acou',
  'Vel',
  'Kes',
  'Sol',
  'Tor',
  'Bri',
  'Cal',
  'Mar',
  'Zen',
  'Nov',
  'Ori',
  'Aur',
  'Fen',
  'Lyr',
  'Dal',
  'Quin',
  'Ost',
  'Rhe',
  'Sev',
  'Tam',
] as const;

export const BRAND_CODAS = [
  'stica',
  'ora',
  'trion',
  'ano',
  'elle',
  'ova',
  'ara',
  'is',
  'eno',
  'ium',
  'ena',
  'ico',
  'ence',
  'ari',
] as const;
