/** The one HTML page of the console; everything else is the bundle's script and style. */
export const CONSOLE_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Tracker Data console</title>
<link rel="stylesheet" href="/console/app.css">
</head>
<body>
<div id="root"></div>
<script type="module" src="/console/app.js"></script>
</body>
</html>
`;

/**
 * Only the console's own script and style may run or load, and no other site may frame it. Intake URLs carry secrets,
 * so no page it links to learns where the admin came from.
 */
export const CONSOLE_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
} as const;
