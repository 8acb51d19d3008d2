import { ConnectorError } from "../errors.js";

/** Awaits a promise that must fail with a ConnectorError, and returns the error. */
export const rejection = (promise: Promise<unknown>): Promise<ConnectorError> =>
  promise.then(
    () => {
      throw new Error("expected a ConnectorError");
    },
    (error: unknown) => {
      if (!(error instanceof ConnectorError)) throw error;
      return error;
    },
  );
