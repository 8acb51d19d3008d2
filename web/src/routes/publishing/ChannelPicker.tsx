import { useId } from "react";
import { Link } from "react-router";
import type { AccountSummary } from "../../api/types.js";

interface ChannelPickerProps {
  channels: AccountSummary[];
  selected: string[];
  onChange: (accountIds: string[]) => void;
}

/** One checkbox per inventory account Switchboard can publish to. */
export function ChannelPicker({ channels, selected, onChange }: ChannelPickerProps) {
  const id = useId();
  const toggle = (accountId: string, checked: boolean) =>
    onChange(checked ? [...selected, accountId] : selected.filter((a) => a !== accountId));
  return (
    <fieldset className="fieldset">
      <legend>Channels</legend>
      {channels.length === 0 ? (
        <p className="field-hint">
          No account in the inventory is on a network Switchboard can publish to. <Link to="/accounts">Add one in Accounts</Link>.
        </p>
      ) : (
        <div className="checkbox-list">
          {channels.map((channel) => (
            <div key={channel.id} className="checkbox">
              <input
                id={`${id}-${channel.id}`}
                type="checkbox"
                aria-describedby={`${id}-${channel.id}-hint`}
                checked={selected.includes(channel.id)}
                onChange={(e) => toggle(channel.id, e.target.checked)}
              />
              <div>
                <label htmlFor={`${id}-${channel.id}`} className="checkbox-label">
                  {channel.networkName} {channel.handle}
                </label>
                <span id={`${id}-${channel.id}-hint`} className="checkbox-hint">
                  {channel.displayName || channel.networkName}
                </span>
              </div>
            </div>
          ))}
        </div>
      )}
    </fieldset>
  );
}
