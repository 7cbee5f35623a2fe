import Foundation

/// A country's or region's outline: polygons with holes in WGS84 degrees, as GeoJSON
/// MultiPolygon coordinates give them, with a fast point-in-polygon test (bounding box, then
/// ray casting) and the distance from a point to the nearest edge.
///
/// A ring may cross the antimeridian (a step of more than 180 degrees of longitude between two
/// vertices): it is unwrapped when loaded (longitudes continue past 180), and a point is then
/// tested at its own longitude and 360 degrees east of it.
public struct Outline: Sendable {
    /// One polygon: an outer ring and its holes, with its bounding box, and its edges sorted
    /// into latitude bands so that a ray cast looks only at the edges of the point's band.
    struct Polygon: Sendable {
        var rings: [Ring]
        var box: Box
        /// Edges as (lon1, lat1, lon2, lat2), every ring's.
        var edges: [(Double, Double, Double, Double)] = []
        /// For each band, the indices of the edges that reach into it.
        var bands: [[Int32]] = []

        static let bandCount = 64

        init(rings: [Ring], box: Box) {
            self.rings = rings
            self.box = box
            for ring in rings {
                var previous = ring.lon.count - 1
                for current in ring.lon.indices {
                    edges.append((ring.lon[previous], ring.lat[previous], ring.lon[current], ring.lat[current]))
                    previous = current
                }
            }
            bands = Array(repeating: [], count: Polygon.bandCount)
            for (index, edge) in edges.enumerated() {
                let low = band(of: min(edge.1, edge.3))
                let high = band(of: max(edge.1, edge.3))
                for b in low...high { bands[b].append(Int32(index)) }
            }
        }

        func band(of lat: Double) -> Int {
            let height = box.maxLat - box.minLat
            guard height > 0 else { return 0 }
            let b = Int((lat - box.minLat) / height * Double(Polygon.bandCount))
            return min(max(b, 0), Polygon.bandCount - 1)
        }

        /// Ray casting over the edges of the point's band: inside when a ray towards east crosses
        /// the polygon's rings an odd number of times (holes included).
        func contains(lat: Double, lon: Double) -> Bool {
            var odd = false
            for index in bands[band(of: lat)] {
                let (x1, y1, x2, y2) = edges[Int(index)]
                if (y1 > lat) != (y2 > lat) {
                    let x = x1 + (lat - y1) * (x2 - x1) / (y2 - y1)
                    if lon < x { odd.toggle() }
                }
            }
            return odd
        }
    }

    /// A closed ring as parallel coordinate arrays (the first vertex is not repeated).
    struct Ring: Sendable {
        var lon: [Double]
        var lat: [Double]
    }

    /// A bounding box in degrees; `maxLon` may exceed 180 for an unwrapped polygon.
    struct Box: Sendable {
        var minLon = Double.infinity
        var minLat = Double.infinity
        var maxLon = -Double.infinity
        var maxLat = -Double.infinity

        func contains(lat: Double, lon: Double, margin: Double = 0, lonMargin: Double = 0) -> Bool {
            lat >= minLat - margin && lat <= maxLat + margin && lon >= minLon - lonMargin
                && lon <= maxLon + lonMargin
        }
    }

    /// The GeoJSON MultiPolygon coordinates as loaded (rings of `[lon, lat]`), for answers.
    public let coordinates: [[[[Double]]]]
    let polygons: [Polygon]
    let box: Box

    /// Makes an outline from GeoJSON MultiPolygon coordinates: polygons of rings of `[lon, lat]`,
    /// the first ring outer. Returns nil when a ring has fewer than three distinct vertices or a
    /// position is not two finite numbers within range.
    public init?(coordinates: [[[[Double]]]]) {
        var polygons: [Polygon] = []
        var box = Box()
        for polygon in coordinates {
            var rings: [Ring] = []
            var polygonBox = Box()
            for ring in polygon {
                guard let unwrapped = Outline.ring(ring) else { return nil }
                for index in unwrapped.lon.indices {
                    polygonBox.minLon = min(polygonBox.minLon, unwrapped.lon[index])
                    polygonBox.maxLon = max(polygonBox.maxLon, unwrapped.lon[index])
                    polygonBox.minLat = min(polygonBox.minLat, unwrapped.lat[index])
                    polygonBox.maxLat = max(polygonBox.maxLat, unwrapped.lat[index])
                }
                rings.append(unwrapped)
            }
            guard !rings.isEmpty else { return nil }
            polygons.append(Polygon(rings: rings, box: polygonBox))
            box.minLon = min(box.minLon, polygonBox.minLon)
            box.maxLon = max(box.maxLon, polygonBox.maxLon)
            box.minLat = min(box.minLat, polygonBox.minLat)
            box.maxLat = max(box.maxLat, polygonBox.maxLat)
        }
        guard !polygons.isEmpty else { return nil }
        self.coordinates = coordinates
        self.polygons = polygons
        self.box = box
    }

    /// A ring's vertices, the closing repeat dropped, longitudes unwrapped across 180.
    private static func ring(_ positions: [[Double]]) -> Ring? {
        var lon: [Double] = []
        var lat: [Double] = []
        for position in positions {
            guard position.count == 2, position[0].isFinite, position[1].isFinite, abs(position[0]) <= 180,
                abs(position[1]) <= 90
            else { return nil }
            var x = position[0]
            if let last = lon.last {
                while x - last > 180 { x -= 360 }
                while last - x > 180 { x += 360 }
            }
            lon.append(x)
            lat.append(position[1])
        }
        if lon.count > 1, lon.first == lon.last, lat.first == lat.last {
            lon.removeLast()
            lat.removeLast()
        }
        guard lon.count >= 3 else { return nil }
        // A ring unwrapped to the west of -180 is moved east, so that every box starts above -180.
        if let least = lon.min(), least < -180 {
            lon = lon.map { $0 + 360 }
        }
        return Ring(lon: lon, lat: lat)
    }

    /// The longitudes at which to test `lon`: itself, and 360 degrees east for unwrapped polygons.
    private func candidates(_ lon: Double) -> [Double] {
        box.maxLon > 180 ? [lon, lon + 360] : [lon]
    }

    /// True when the point lies inside the outline (inside an outer ring and in none of its holes).
    public func contains(lat: Double, lon: Double) -> Bool {
        guard lat >= box.minLat, lat <= box.maxLat else { return false }
        for x in candidates(lon) {
            for polygon in polygons where polygon.box.contains(lat: lat, lon: x) && polygon.contains(lat: lat, lon: x) {
                return true
            }
        }
        return false
    }

    /// Kilometres from the point to the nearest edge of the outline, looking only as far as
    /// `limitKM` (farther edges give `nil`). A local equirectangular projection at the point's
    /// latitude: exact enough within the few kilometres this is used for.
    public func distanceToEdge(lat: Double, lon: Double, limitKM: Double) -> Double? {
        let kmPerLat = 110.574
        let kmPerLon = max(111.320 * cos(lat * .pi / 180), 0.01)
        let latMargin = limitKM / kmPerLat
        let lonMargin = limitKM / kmPerLon
        guard
            box.contains(lat: lat, lon: lon, margin: latMargin, lonMargin: lonMargin)
                || box.contains(lat: lat, lon: lon + 360, margin: latMargin, lonMargin: lonMargin)
        else { return nil }
        var best = Double.infinity
        for x in candidates(lon) {
            for polygon in polygons
            where polygon.box.contains(lat: lat, lon: x, margin: latMargin, lonMargin: lonMargin) {
                for ring in polygon.rings {
                    var previous = ring.lon.count - 1
                    for current in ring.lon.indices {
                        let ax = (ring.lon[previous] - x) * kmPerLon
                        let ay = (ring.lat[previous] - lat) * kmPerLat
                        let bx = (ring.lon[current] - x) * kmPerLon
                        let by = (ring.lat[current] - lat) * kmPerLat
                        best = min(best, Outline.distanceToSegment(ax, ay, bx, by))
                        previous = current
                    }
                }
            }
        }
        return best <= limitKM ? best : nil
    }

    /// Distance from the origin to the segment a-b in the plane.
    private static func distanceToSegment(_ ax: Double, _ ay: Double, _ bx: Double, _ by: Double) -> Double {
        let dx = bx - ax
        let dy = by - ay
        let length = dx * dx + dy * dy
        var t = length > 0 ? -(ax * dx + ay * dy) / length : 0
        t = min(max(t, 0), 1)
        let px = ax + t * dx
        let py = ay + t * dy
        return (px * px + py * py).squareRoot()
    }

    /// True when the point is inside, or outside by at most `toleranceKM` (coasts, borders, and
    /// the generalization of the outline).
    public func contains(lat: Double, lon: Double, toleranceKM: Double) -> Bool {
        contains(lat: lat, lon: lon) || distanceToEdge(lat: lat, lon: lon, limitKM: toleranceKM) != nil
    }

    /// The bounding box as `(minLon, minLat, maxLon, maxLat)`; `maxLon` above 180 when unwrapped.
    public var bounds: (minLon: Double, minLat: Double, maxLon: Double, maxLat: Double) {
        (box.minLon, box.minLat, box.maxLon, box.maxLat)
    }
}
