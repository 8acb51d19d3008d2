import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gif, png } from "../../server/media/test/images.js";
import type { Page } from "../servers/browser.js";
import { type BrowserSuite, callApi, openPage, problemsOf, screenshot, signInAsAdmin, startBrowserSuite } from "./support.js";

const BLUESKY_CHANNEL = "Bluesky acme.bsky.social";
const WORDPRESS_CHANNEL = "WordPress blog.example.org";
const HARBOUR = { name: "harbour.png", mimeType: "image/png", buffer: png(160, 100, 0, [0x1f, 0x6f, 0xeb]) };
const SUNSET = { name: "sunset.png", mimeType: "image/png", buffer: png(100, 140, 0, [0xf0, 0x8a, 0x24]) };

/** Drops a file on the composer's images section, as dragging it from the desktop does. */
async function dropFile(page: Page, file: { name: string; mimeType: string; buffer: Buffer }) {
  const transfer = await page.evaluateHandle(
    ({ name, mimeType, bytes }) => {
      const data = new DataTransfer();
      data.items.add(new File([new Uint8Array(bytes)], name, { type: mimeType }));
      return data;
    },
    { name: file.name, mimeType: file.mimeType, bytes: [...file.buffer] },
  );
  const zone = page.getByRole("group", { name: "Images" });
  await zone.dispatchEvent("dragover", { dataTransfer: transfer });
  await zone.dispatchEvent("drop", { dataTransfer: transfer });
}

describe("images in the composer", () => {
  let suite: BrowserSuite;
  beforeAll(async () => {
    suite = await startBrowserSuite({ withAdmin: true });
    const page = await openPage(suite.browser);
    await signInAsAdmin(page, suite.app.baseUrl);
    await callApi(page, suite.app.baseUrl, "POST", "/api/accounts", { network: "bluesky", handle: "acme.bsky.social" });
    await callApi(page, suite.app.baseUrl, "POST", "/api/accounts", { network: "wordpress", handle: "blog.example.org" });
    await page.context().close();
  });
  afterAll(async () => {
    await suite?.close();
  });

  it("uploads by picker and by drop, describes, reorders, shows each network's limit, saves, and shows them again after a reload", async () => {
    const { app, browser } = suite;
    const page = await openPage(browser);
    await signInAsAdmin(page, app.baseUrl);
    await page.goto(`${app.baseUrl}/publishing/new`);
    await page.getByRole("heading", { level: 1, name: "New post" }).waitFor();
    await page.getByLabel("Text", { exact: true }).fill("The harbour at dusk");
    await page.getByRole("checkbox", { name: BLUESKY_CHANNEL }).check();

    // The file picker.
    const chooser = page.waitForEvent("filechooser");
    await page.getByRole("button", { name: "Add images" }).click();
    await (await chooser).setFiles(HARBOUR);
    const images = page.getByRole("group", { name: "Images" }).getByRole("listitem");
    await images.first().getByRole("img", { name: "Image 1, not yet described" }).waitFor();
    // Not an image, and an image that is not what it says: both refused, plainly.
    await page.getByLabel("Choose images").setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("hello") });
    await page.getByRole("alert").getByText("Only PNG, JPEG, GIF and WebP images can be attached.").waitFor();
    await page.getByLabel("Choose images").setInputFiles({ name: "fake.png", mimeType: "image/png", buffer: gif(2, 2) });
    await page.getByRole("alert").getByText("This file was sent as a PNG image but is a GIF.").waitFor();
    await screenshot(page, "media-refused");

    // Dropped from the desktop.
    await dropFile(page, SUNSET);
    await images.nth(1).getByRole("img", { name: "Image 2, not yet described" }).waitFor();
    expect(await images.count()).toBe(2);

    await page.getByLabel("Alt text for image 1").fill("Fishing boats moored in the harbour under a blue evening sky");
    await page.getByLabel("Alt text for image 2").fill("The sun setting over the sea in orange");
    await page.getByLabel("Alt text for image 2").blur();
    await page.getByRole("button", { name: "Move image 2 earlier" }).click();
    await images.first().getByRole("img", { name: "Image 1: The sun setting over the sea in orange" }).waitFor();

    // WordPress takes one image: the channel says so with the exact count.
    await page.getByRole("checkbox", { name: WORDPRESS_CHANNEL }).check();
    const wordpress = page.getByRole("region", { name: WORDPRESS_CHANNEL });
    await wordpress.getByText("WordPress allows 1 image or video per post; this post has 2.").waitFor();
    await screenshot(page, "media-composer");
    await page.getByRole("checkbox", { name: WORDPRESS_CHANNEL }).uncheck();

    await page.getByRole("button", { name: "Save as draft" }).click();
    await page.getByRole("heading", { level: 1, name: "Publishing" }).waitFor();
    const [saved] = (
      await callApi<{ posts: { id: string; media: { alt: string; width: number }[] }[] }>(page, app.baseUrl, "GET", "/api/posts")
    ).posts;
    expect(saved?.media).toEqual([
      expect.objectContaining({ alt: "The sun setting over the sea in orange", width: 100 }),
      expect.objectContaining({ alt: "Fishing boats moored in the harbour under a blue evening sky", width: 160 }),
    ]);

    await page.goto(`${app.baseUrl}/publishing/${saved?.id}`);
    await page.reload();
    await images.first().getByRole("img", { name: "Image 1: The sun setting over the sea in orange" }).waitFor();
    expect(await page.getByLabel("Alt text for image 2").inputValue()).toBe("Fishing boats moored in the harbour under a blue evening sky");
    // The thumbnails really loaded (the image bytes came back through the API).
    const widths = await images.getByRole("img").evaluateAll((imgs) => imgs.map((img) => (img as HTMLImageElement).naturalWidth));
    expect(widths).toEqual([100, 160]);
    await screenshot(page, "media-reopened");

    // Removing one and saving keeps the other.
    await page.getByRole("button", { name: "Remove image 1" }).click();
    await page
      .getByRole("button", { name: /Save|Schedule/ })
      .last()
      .click();
    await page.getByRole("heading", { level: 1, name: "Publishing" }).waitFor();
    const after = await callApi<{ media: { alt: string }[] }>(page, app.baseUrl, "GET", `/api/posts/${saved?.id}`);
    expect(after.media.map((m) => m.alt)).toEqual(["Fishing boats moored in the harbour under a blue evening sky"]);
    expect(problemsOf(page)).toEqual([]);
  });
});
