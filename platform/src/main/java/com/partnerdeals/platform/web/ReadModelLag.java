package com.partnerdeals.platform.web;

/**
 * How far the read models this process keeps are behind the event store, as {@link CommandAdmission} asks before
 * it lets a command run. A process without read models (the command side alone) has none to wait for.
 */
@FunctionalInterface
public interface ReadModelLag {

    ReadModelLag NONE = () -> 0;

    /**
     * Events stored but not yet in every read model this process keeps up to date; 0 when it cannot tell, and for a
     * read model that is not progressing (stopped, failing, replaying, stalled), which waiting would not help.
     */
    long eventsBehind();
}
