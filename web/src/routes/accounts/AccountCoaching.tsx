import { useQuery } from "@tanstack/react-query";
import { coachingKey, fetchCoaching } from "../../api/coaching.js";
import { ErrorMessage } from "../../components/ErrorMessage.js";
import { Fact } from "./AccountOverview.js";
import "./accountSections.css";

const percent = (n: number | null) => (n === null ? "—" : `${Math.round(n * 100)}%`);

/** How the account speaks: how much it broadcasts against listening, and how much of it is selling. */
export function AccountCoaching({ accountId }: { accountId: string }) {
  const coaching = useQuery({ queryKey: coachingKey(accountId), queryFn: () => fetchCoaching(accountId) });
  const c = coaching.data;
  if (!c) return <ErrorMessage error={coaching.error} title="Coaching could not be loaded" />;
  return (
    <>
      <dl className="facts">
        <Fact term={`Posts, last ${c.windowDays} days`}>{c.posts}</Fact>
        <Fact term="Pitch ratio">{percent(c.pitchRatio)}</Fact>
        <Fact term="Replies sent">{c.repliesAndEngagements}</Fact>
        <Fact term="Messages received">{c.inbound}</Fact>
        <Fact term="Talk-to-listen">
          {c.talkToListen === null ? <span className="muted">Nothing said or answered yet</span> : c.talkToListen.toFixed(1)}
        </Fact>
      </dl>
      <ul className="coaching-guidance">
        {c.guidance.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    </>
  );
}
