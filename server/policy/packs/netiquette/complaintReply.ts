import { type PostText, readPost } from "../../text/postText.js";

// A reply to a complaint should show it was read: name the customer's own subject (their key words)
// and acknowledge the problem. Word lists, not a model: this runs on every keystroke.

const COMPLAINT =
  /\b(?:cancel+ed|cancel+ation|delay(?:ed|s)?|late|lost|missing|rude|worst|terrible|awful|horrible|disappoint\w*|unacceptable|still waiting|waiting|no one|nobody|never|refund|broken|damaged|missed|stuck|stranded|angry|furious|frustrat\w*|ridiculous|fail\w*|sucks?|on hold|complain\w*|issue|problem|wrong|poor|useless|hours?)\b|!{2,}/iu;

const ACKNOWLEDGEMENT =
  /\b(?:sorry|apologi[sz]e|apologies|understand(?:able)?|frustrat\w*|hear (?:that|this|about)|thanks? (?:you )?for (?:letting|telling|flagging|reaching|your patience|raising|bringing)|not the (?:experience|service)|not what (?:you|we)|you(?:'re|’re| are) right|our (?:fault|mistake)|we (?:messed|dropped)|that(?:'s|’s| is) not (?:ok|okay|good|right|acceptable)|look(?:ing)? into|on it)\b/iu;

const STOPWORDS = new Set(
  "the and for but not you our are was were has had can did how why who its yes any all get got off out now one two about after again also always because been before being both could does doing down during each from further have having here into just more most only other over same should some such than that their them then there these they this those through under until very what when where which while will with would your yours yourself ours ourselves hello thanks thank please today still even really guys again never every anyone someone something anything".split(
    " ",
  ),
);

const stem = (word: string) => word.replace(/(?:'s|’s)$/u, "").replace(/(?:ing|ed|es|s)$/u, "");

/** The complaint's key words (stems of its longer non-stopwords). */
export function keyWords(post: PostText): Set<string> {
  const keys = new Set<string>();
  for (const w of post.words) {
    if (w.norm.length < 3 || STOPWORDS.has(w.norm) || /^\d+$/.test(w.norm) || COMPLAINT.test(w.norm)) continue;
    keys.add(stem(w.norm));
  }
  return keys;
}

export interface ReplyAssessment {
  complaint: boolean;
  keys: string[];
  overlaps: boolean;
  acknowledges: boolean;
}

export function assessReply(reply: PostText, parentText: string): ReplyAssessment {
  const parent = readPost(parentText);
  const complaint = COMPLAINT.test(parent.prose);
  const keys = keyWords(parent);
  const overlaps = reply.words.some((w) => keys.has(stem(w.norm)));
  const acknowledges = ACKNOWLEDGEMENT.test(reply.prose);
  return { complaint, keys: [...keys], overlaps, acknowledges };
}
