//! Numbers and sizes as people read them.

/// `n` with commas between groups of three digits.
pub fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A size as people read it: "1.0 MB", "200 KB", "12 bytes" (1 KB = 1024 bytes; from 1000 KB on in MB,
/// so that a text just short of a megabyte does not read "1024 KB").
pub fn human_bytes(bytes: usize) -> String {
    const MB: usize = 1024 * 1024;
    if bytes >= 1000 * 1024 {
        format!("{:.1} MB", bytes as f64 / MB as f64)
    } else if bytes >= 1024 {
        format!("{} KB", (bytes + 512) / 1024)
    } else {
        format!("{bytes} bytes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_digits_by_three() {
        assert_eq!(grouped(1_234_567), "1,234,567");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1000), "1,000");
        assert_eq!(grouped(0), "0");
    }

    #[test]
    fn sizes_read_in_the_largest_fitting_unit() {
        assert_eq!(human_bytes(1024 * 1024), "1.0 MB");
        assert_eq!(human_bytes(1024 * 1024 - 100), "1.0 MB");
        assert_eq!(human_bytes(999 * 1024), "999 KB");
        assert_eq!(human_bytes(300 * 1024), "300 KB");
        assert_eq!(human_bytes(1023), "1023 bytes");
        assert_eq!(human_bytes(12), "12 bytes");
    }
}
