package com.partnerdeals.bench.throughput;

/** The commands of the mix, in the order a deal's lifecycle sends them. */
enum CommandKind {
    REGISTER, ACCEPT, MOVE, NOTE, CLOSE
}
