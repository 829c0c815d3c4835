// Kept in step with package.json by a test (node code may not read files).
export const PACKAGE_VERSION = '0.1.0';

// Every request pins the API version so response shapes never depend on the
// account's default version (which can differ between test and live).
export const OMISE_API_VERSION = '2019-05-29';

/** Omise's API; the credential's API Base URL replaces it only in tests. */
export const OMISE_API_URL = 'https://api.omise.co';

export const MAX_PAGE_SIZE = 100;
