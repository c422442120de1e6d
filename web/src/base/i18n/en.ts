import type { Messages } from './messages.ts';

// Typed as `Messages`: a missing key or a key Vietnamese does not have is a compile error.
// `messages.ts` also checks at compile time that each message keeps the same `{placeholders}`.
export const en = {
  'app.name': 'eCabinet Hanoi',
  'app.tagline': 'Online meetings and electronic documents',
  'app.skipToContent': 'Skip to main content',
  'app.loading': 'Loading…',

  'lang.switch': 'Tiếng Việt',
  'lang.switchLabel': 'Switch to Vietnamese',

  'login.title': 'Sign in',
  'login.intro': 'Use the account issued by your organisation to sign in.',
  'login.username': 'Username',
  'login.password': 'Password',
  'login.submit': 'Sign in',
  'login.submitting': 'Signing in…',
  'login.missingFields': 'Please enter your username and password.',
  'login.locked': 'This account is temporarily locked. Try again later or contact your organisation’s administrator.',
  'login.lockedHelp': 'If you have forgotten your password, ask your organisation’s administrator for help.',
  'login.rateLimited': 'Too many sign-in attempts. Please wait a moment and try again.',
  'login.retryAfter': 'You can try again in {seconds} seconds.',

  'error.network': 'Cannot reach the server. Check your network connection and try again.',
  'error.unexpected': 'Something went wrong. Please try again.',
  'error.retry': 'Try again',
  'error.pageTitle': 'The page could not be loaded',

  'notFound.title': 'Page not found',
  'notFound.body': 'The address you opened does not exist or has changed.',
  'notFound.home': 'Go to the home page',

  'header.logout': 'Sign out',

  'home.title': 'Home',
  'home.greeting': 'Hello, {name}',
  'home.meetings': 'Upcoming meetings',
  'home.meetingsEmpty': 'There are no upcoming meetings.',
  'home.documents': 'Documents awaiting you',
  'home.documentsEmpty': 'No documents are waiting for you.',

  'role.admin': 'Administrator',
  'role.clerk': 'Clerk',
  'role.leader': 'Leader',
  'role.member': 'Member',
} as const satisfies Messages;
