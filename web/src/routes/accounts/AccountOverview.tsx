import type { ReactNode } from "react";
import type { AccountDetail } from "../../api/types.js";
import { Time } from "../../components/Time.js";
import { TwoFactorStatus } from "./AccountBadges.js";

const empty = (text = "Not recorded") => <span className="muted">{text}</span>;

export function Fact({ term, children, wide = false }: { term: string; children: ReactNode; wide?: boolean }) {
  return (
    <div className={wide ? "fact fact-wide" : "fact"}>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** The inventory fields. Recovery contact and notes are hidden from people without access to the account. */
export function AccountOverview({ account }: { account: AccountDetail }) {
  const canView = account.yourPermissions.includes("view");
  const restricted = <span className="muted">Only people with access to this account see this.</span>;
  return (
    <dl className="facts">
      <Fact term="Owner">
        {account.owner ? (
          <>
            <span className="person-name">{account.owner.name}</span>
            <span className="person-email">{account.owner.email}</span>
          </>
        ) : (
          <span className="text-bad">Nobody owns this account</span>
        )}
      </Fact>
      <Fact term="Team">{account.team?.name ?? empty("No team")}</Fact>
      <Fact term="Two-factor authentication">
        <TwoFactorStatus state={account.twoFactor} />
      </Fact>
      <Fact term="Recovery contact">{canView ? account.recoveryContact || empty() : restricted}</Fact>
      <Fact term="URL">
        {account.url ? (
          <a href={account.url} target="_blank" rel="noopener noreferrer" className="break-anywhere">
            {account.url}
            <span className="sr-only"> (opens in a new tab)</span>
          </a>
        ) : (
          empty()
        )}
      </Fact>
      <Fact term="Last activity">
        <Time iso={account.lastActivityAt} date fallback="Not recorded" />
      </Fact>
      <Fact term="Purpose" wide>
        {account.purpose ? <p className="prose">{account.purpose}</p> : empty()}
      </Fact>
      <Fact term="Audience" wide>
        {account.audience ? <p className="prose">{account.audience}</p> : empty()}
      </Fact>
      <Fact term="Notes" wide>
        {canView ? account.notes ? <p className="prose">{account.notes}</p> : empty("No notes") : restricted}
      </Fact>
      <Fact term="Added">
        <Time iso={account.createdAt} />
      </Fact>
      <Fact term="Last changed">
        <Time iso={account.updatedAt} />
      </Fact>
    </dl>
  );
}
