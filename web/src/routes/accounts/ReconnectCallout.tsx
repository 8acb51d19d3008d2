import type { ReactNode } from "react";
import type { AccountDetail } from "../../api/types.js";

/** `needs_reconnect`, said so nobody misses it: the network refused Switchboard's access, so nothing goes out or comes in. */
export function ReconnectCallout({ account, children }: { account: AccountDetail; children?: ReactNode }) {
  return (
    <div className="alert alert-error callout">
      <p className="alert-title">Reconnect this account</p>
      <p>
        {account.networkName} no longer accepts Switchboard's access to {account.handle}, so nothing can be published or read for it until
        someone who manages it connects it again.
      </p>
      {children}
    </div>
  );
}
