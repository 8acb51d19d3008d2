/** Where Meta's Graph API lives (Facebook Pages and Instagram share it). Tests point these at a stand-in. */
export interface MetaEndpoints {
  graph: string;
  /** Host of the Login dialog (www.facebook.com). */
  dialog: string;
  /** Graph API version; Meta keeps each for about two years. */
  version: string;
}

export const META_ENDPOINTS: MetaEndpoints = { graph: "https://graph.facebook.com", dialog: "https://www.facebook.com", version: "v23.0" };

export const graphUrl = (endpoints: MetaEndpoints, path: string) =>
  new URL(`/${endpoints.version}/${path.replace(/^\//, "")}`, endpoints.graph);
