import { escapeHtml } from './html-escape.js';
import { ICON_SPRITE } from './icon-sprite.js';

/** What a page puts into the common Letterboxd frame. */
export interface ShellInput {
  /** Absolute canonical URL (`og:url`). */
  url: string;
  /** Page title without the "• Letterboxd" suffix. */
  title: string;
  description: string;
  /** `og:type`; default `website`. */
  ogType?: string;
  ogImage?: string;
  /** Extra `<meta>`/`<link>` markup for the head. */
  extraHead?: string;
  /** `class` of `<body>`. */
  bodyClass: string;
  /** Extra attributes of `<body>` (already escaped), e.g. `data-owner="ana"`. */
  bodyAttributes?: string;
  /** The page's own content, placed in `#content .content-wrap`. */
  content: string;
  /** Markup after the footer (e.g. JSON-LD). */
  trailer?: string;
}

const MAIN_MENU: ReadonlyArray<[string, string, string]> = [
  ['/sign-in/', 'Sign in', 'sign-in-menu'],
  ['/create-account/', 'Create account', 'create-account-menu'],
  ['/', 'Home', 'person-home'],
  ['/activity/', 'Activity', 'main-nav-activity'],
  ['/films/', 'Films', 'films-page main-nav-films'],
  ['/lists/', 'Lists', 'lists-page main-nav-lists'],
  ['/members/', 'Members', 'main-nav-people'],
  ['/journal/', 'Journal', 'main-nav-journal'],
];

const FOOTER_LINKS: ReadonlyArray<[string, string]> = [
  ['/about/', 'About'],
  ['/pro/', 'Pro'],
  ['/journal/', 'News'],
  ['/apps/', 'Apps'],
  ['/welcome/', 'Help'],
  ['/legal/terms-of-use/', 'Terms'],
  ['/api-beta/', 'API'],
  ['/contact/', 'Contact'],
];

const STYLESHEETS = ['main', 'header', 'poster-grid', 'member-child-page', 'production-masthead', 'footer'];

function mainMenuScript(): string {
  const entries = MAIN_MENU.map(
    ([url, name, css], index) =>
      `\tmainMenu.push({\n\t\t"id": ${index + 1},\n\t\t"url": "${url}", \n\t\t"name": "${name}",\n\t\t"cssClassCode": "${css}",\n\t\t"hideWhenSignedIn": ${index < 3},\n\t\t"hideWhenNotSignedIn": ${index === 2 || index === 3},\n\t\t"showInMainNavForMobile": ${index === 0},\n\t\t"tooltip": "",\n\t\t"selected": false\n\t});`,
  );
  return `<script>\nvar mainMenu = [];\n${entries.join('\n')}\n</script>`;
}

/** An ad slot script as Letterboxd inlines them (bulk that a parser must skip). */
export function adSlotScript(id: string): string {
  return `<script id="script-${id}"> ((tag, target) => { let adUnit = null; if (!disableAds && person.showAds) { adUnit = document.createElement('div'); adUnit.id = 'pw-${id}'; adUnit.className = 'pw-div'; adUnit.setAttribute('data-pw-' + (renderMobile ? 'mobi' : 'desk'), 'sky_btf'); if (target) { target.insertAdjacentElement('beforeend', adUnit); } else { tag.insertAdjacentElement('afterend', adUnit); } window.ramp.que.push(function () { window.ramp.addTag('pw-${id}'); }); } tag.remove(); })(document.getElementById('script-${id}')); </script>`;
}

function header(): string {
  return `<header class="site-header js-hide-in-app" id="header" data-allow-user-to-add-all-films-to-a-list="true">
\t<div class="site-header-bg"></div>
\t<section>
\t\t<h1 class="site-logo"><a href="/" class="logo replace">Letterboxd &mdash; Your life in film</a></h1>
\t\t<div class="react-component" data-component-class="NavComponent"></div>
<form method="post" action="#" id="signin" class="signin signin-form js-header-signin-form js-signin" data-url="/user/login.do" data-recaptcha-action="signin">
\t<input type="hidden" name="__csrf" value="placeholder" />
\t<fieldset class="fieldset"> <div class="fields"> <div class="col"> <label for="signin-username">Username or email</label> <input type="text" id="signin-username" name="username" class="field" autocomplete="username" /> </div> <div class="col"> <label for="signin-password">Password</label> <input type="password" id="signin-password" name="password" class="field" autocomplete="current-password" /> </div> </div> </fieldset>
</form>
\t</section>
</header>`;
}

function footer(): string {
  const links = FOOTER_LINKS.map(([href, label]) => `\t\t\t\t\t\t<li><a href="${href}">${label}</a></li>`).join('\n');
  return `\t<footer id="page-footer" class="page-footer js-page-footer js-hide-in-app">
\t\t<div class="content-wrap">
\t\t\t\t<nav class="footer-nav js-footer-nav">
\t\t\t\t\t<ul>
${links}
\t\t\t\t\t</ul>
\t\t\t\t</nav>
\t\t\t<p class="copyright">&copy; Letterboxd Limited. Made by <a href="/about/" class="hoverlink">fans</a> in Aotearoa New Zealand. Film data from <a href="https://www.themoviedb.org/" class="hoverlink">TMDb</a>.</p>
\t\t</div>
\t</footer>`;
}

/** Wraps page content into the frame every Letterboxd page shares (head, header, footer, scripts). */
export function renderShell(input: ShellInput): string {
  const title = escapeHtml(input.title);
  const description = escapeHtml(input.description);
  const url = escapeHtml(input.url);
  const image = escapeHtml(input.ogImage ?? 'https://s.ltrbxd.com/static/img/default-share.png');
  const styles = STYLESHEETS.map(
    (name) => `\t\t<link rel="stylesheet" crossorigin href="https://s.ltrbxd.com/static/css/${name}-fake.css">`,
  ).join('\n');
  return `

<!DOCTYPE html>

<html id="html" lang="en" class="context-client-unknown no-mobile no-js">
<head>
\t<meta charset="UTF-8">
\t<meta name="viewport" content="width=1024">
\t<meta name="description" content="${description}">
\t<meta property="og:url" content="${url}">
\t<meta property="og:title" content="${title}">
\t<meta property="og:description" content="${description}">
\t<meta property="og:type" content="${escapeHtml(input.ogType ?? 'website')}">
\t<meta property="og:image" content="${image}">
\t<meta name="application-name" content="Letterboxd">
\t<meta name="theme-color" content="#14181C">
${input.extraHead ?? ''}
\t<title>&lrm;${title} &bull; Letterboxd</title>
\t<link rel="canonical" href="${url}">
${styles}
\t<script>var disableAds = false; var renderMobile = false; var person = { showAds: false, loggedIn: false };</script>
</head>
<body class="${escapeHtml(input.bodyClass)}"${input.bodyAttributes ? ` ${input.bodyAttributes}` : ''}>
${ICON_SPRITE}
${mainMenuScript()}
${header()}
<div id="content" class="site-body">
\t<div class="content-wrap">
${input.content}
\t</div>
</div>
${footer()}
${input.trailer ?? ''}
</body>
</html>
`;
}
