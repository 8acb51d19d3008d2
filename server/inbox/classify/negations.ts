/**
 * Words that open a negation scope (lower case, apostrophes straight). Any word ending in "n't" does
 * too; these are the rest, including the apostrophe-less spellings common in tweets ("dont", "cant").
 */
export const NEGATION_WORDS: readonly string[] = [
  "not",
  "no",
  "never",
  "nothing",
  "nobody",
  "none",
  "nor",
  "neither",
  "nowhere",
  "cannot",
  "without",
  "dont",
  "cant",
  "wont",
  "didnt",
  "doesnt",
  "isnt",
  "wasnt",
  "werent",
  "arent",
  "havent",
  "hasnt",
  "hadnt",
  "couldnt",
  "wouldnt",
  "shouldnt",
  "aint",
];
