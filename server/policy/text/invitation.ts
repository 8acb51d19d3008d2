// Phrases that invite the audience to answer: what an engagement post needs, and what turns into a
// public stage for complaints when the mood is bad (campaign risk).

const INVITATION =
  /\b(?:tell us|share (?:your|yours|with us|a photo|a pic|the)|show us|send us your|let us know|what(?:'s|’s| is| are| was| do| does| would| will) (?:your|you)|which (?:one|do you|would you|is your)|how (?:do|would|will) you|do you (?:have|prefer|think|agree)|reply with|comment (?:below|with|your)|drop (?:a|your|us)|vote|tag (?:a friend|someone|us|your)|join (?:us|the conversation|in)|caption this|we(?:'d|’d| would) love to (?:hear|see)|we want to (?:hear|see)|use (?:the )?(?:hashtag|#)|using (?:the )?(?:hashtag|#)|enter to win|chance to win|for a chance|giveaway|give away|contest|competition|sweepstakes)\b/iu;

export function findInvitation(text: string): { start: number; end: number; text: string } | undefined {
  const m = INVITATION.exec(text);
  return m ? { start: m.index, end: m.index + m[0].length, text: m[0] } : undefined;
}

export const asksQuestion = (prose: string) => /\?/.test(prose);
