import { accountsOffboarding } from "../accounts/offboardingPart.js";
import { identityOffboarding } from "./identityPart.js";
import type { OffboardingParticipant } from "./participant.js";

/**
 * Every area that takes part in offboarding, in order. Accounts run before
 * identity so access a person had through a team is still visible.
 */
export const OFFBOARDING_PARTICIPANTS: readonly OffboardingParticipant[] = [accountsOffboarding, identityOffboarding];
