/** Build and import orchestration: compile, validate, infer, link, reason and store, in that order, all or nothing. */
package org.w3id.rekg.pipeline;
