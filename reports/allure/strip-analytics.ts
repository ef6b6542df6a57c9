/**
 * Allure's report template always embeds Google Tag Manager (only its allure2 plugin honours
 * ALLURE_NO_ANALYTICS). A readiness report must load nothing from the network, so the tag
 * and its inline configuration are removed.
 */
const ANALYTICS =
  /<script[^>]*src="https:\/\/www\.googletagmanager\.com\/[^"]*"[^>]*><\/script>\s*<script>[^<]*?gtag\([^<]*?<\/script>/g;
const ANY_REMOTE_SCRIPT = /<script[^>]*\ssrc="https?:\/\//i;

export function stripAnalytics(html: string): string {
  const stripped = html.replace(ANALYTICS, '');
  if (ANY_REMOTE_SCRIPT.test(stripped))
    throw new Error('the Allure report still loads a remote script after stripping analytics');
  return stripped;
}
