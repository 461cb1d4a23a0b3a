/**
 * Test fixtures shared by every module's tests: one fake PutEvents endpoint, one JWT and JWKS
 * helper, one inbound and one outbound connector context. Nothing here is shipped; modules depend
 * on this one in test scope.
 */
package io.connectors.eventbridge.testsupport;
