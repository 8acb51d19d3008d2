import { useEffect, useRef } from "react";

export interface TriageActions {
  next: () => void;
  previous: () => void;
  open: () => void;
  help: () => void;
  focusFilter: () => void;
  escape: () => void;
  /** Only for people who work the inbox. */
  resolve?: () => void;
  assignToMe?: () => void;
  cyclePriority?: () => void;
  note?: () => void;
  select?: () => void;
}

/** Where typed keys belong to the field, never to a shortcut. */
const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || Boolean(target.closest("input, textarea, select, [contenteditable]")));

/** Where Enter already means something (a button, a link, the list's own keys). */
const handlesEnter = (target: EventTarget | null) =>
  target instanceof HTMLElement && Boolean(target.closest("a, button, summary, [role='listbox'], [role='option']"));

/**
 * The inbox's single-key shortcuts (listed in ShortcutsHelp). One listener on the document, reading the
 * latest actions through a ref, so it is bound once. Keys with a modifier, keys typed into a field and
 * keys pressed while a dialog is open are left alone.
 */
export function useTriageKeys(actions: TriageActions) {
  const latest = useRef(actions);
  latest.current = actions;

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTyping(event.target) || document.querySelector("dialog[open]")) return;
      const a = latest.current;
      const run = (action: (() => void) | undefined) => {
        if (!action) return;
        event.preventDefault();
        action();
      };
      switch (event.key) {
        case "j":
          return run(a.next);
        case "k":
          return run(a.previous);
        case "o":
          return run(a.open);
        case "Enter":
          return handlesEnter(event.target) ? undefined : run(a.open);
        case "e":
          return run(a.resolve);
        case "a":
          return run(a.assignToMe);
        case "p":
          return run(a.cyclePriority);
        case "n":
          return run(a.note);
        case "x":
          return run(a.select);
        case "/":
          return run(a.focusFilter);
        case "?":
          return run(a.help);
        case "Escape":
          return run(a.escape);
        default:
          return undefined;
      }
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, []);
}
