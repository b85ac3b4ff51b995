//! Any bytes at all, read as a capture file: the import must answer with a
//! trace or an error, never panic, hang or allocate without bound.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(capture) = synack_sim::import::read(data) {
        for stream in &capture.streams {
            let trace = synack_sim::import::trace(stream);
            // What the page does next with an imported trace.
            assert_eq!(trace.segments.len(), stream.packets.len());
            for s in &trace.segments {
                let _ = synack_sim::wire::ipv4_packet(s);
            }
        }
    }
});
