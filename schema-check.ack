# Breaking schema changes the graph's clients have agreed to, one id per line (see scripts/schema-check.ts).
# 2026-11-24: root Query fields became nullable, so that a down subgraph nulls only its own fields
# instead of the whole response. No client depended on the non-null roots yet.
certificates:FIELD_TYPE_CHANGED:Query.certificateStatistics
certificates:FIELD_TYPE_CHANGED:Query.certificateTypes
certificates:FIELD_TYPE_CHANGED:Query.issuanceStatistics
certificates:FIELD_TYPE_CHANGED:Query.issuanceTrend
cloud:FIELD_TYPE_CHANGED:Query.businessSystems
cloud:FIELD_TYPE_CHANGED:Query.capacityExpansions
cloud:FIELD_TYPE_CHANGED:Query.cloudCapacity
cloud:FIELD_TYPE_CHANGED:Query.cloudTenancy
cloud:FIELD_TYPE_CHANGED:Query.dataCatalogs
cloud:FIELD_TYPE_CHANGED:Query.dataFlows
cloud:FIELD_TYPE_CHANGED:Query.dataInventory
hotline:FIELD_TYPE_CHANGED:Query.hotlineBreakdown
hotline:FIELD_TYPE_CHANGED:Query.hotlineStatistics
hotline:FIELD_TYPE_CHANGED:Query.hotlineTrend
hotline:FIELD_TYPE_CHANGED:Query.mergedHotlines
hotline:FIELD_TYPE_CHANGED:Query.workOrders
service-items:FIELD_TYPE_CHANGED:Query.applicationStatistics
service-items:FIELD_TYPE_CHANGED:Query.catalogStatistics
service-items:FIELD_TYPE_CHANGED:Query.crossRegion
service-items:FIELD_TYPE_CHANGED:Query.delegationBatches
service-items:FIELD_TYPE_CHANGED:Query.departments
service-items:FIELD_TYPE_CHANGED:Query.kiosks
service-items:FIELD_TYPE_CHANGED:Query.platformCoverage
service-items:FIELD_TYPE_CHANGED:Query.powerList
service-items:FIELD_TYPE_CHANGED:Query.regions
service-items:FIELD_TYPE_CHANGED:Query.serviceCenter
service-items:FIELD_TYPE_CHANGED:Query.serviceChannels
service-items:FIELD_TYPE_CHANGED:Query.serviceHalls
service-items:FIELD_TYPE_CHANGED:Query.serviceItems
supergraph:FIELD_TYPE_CHANGED:Query.applicationStatistics
supergraph:FIELD_TYPE_CHANGED:Query.businessSystems
supergraph:FIELD_TYPE_CHANGED:Query.capacityExpansions
supergraph:FIELD_TYPE_CHANGED:Query.catalogStatistics
supergraph:FIELD_TYPE_CHANGED:Query.certificateStatistics
supergraph:FIELD_TYPE_CHANGED:Query.certificateTypes
supergraph:FIELD_TYPE_CHANGED:Query.cloudCapacity
supergraph:FIELD_TYPE_CHANGED:Query.cloudTenancy
supergraph:FIELD_TYPE_CHANGED:Query.crossRegion
supergraph:FIELD_TYPE_CHANGED:Query.dataCatalogs
supergraph:FIELD_TYPE_CHANGED:Query.dataFlows
supergraph:FIELD_TYPE_CHANGED:Query.dataInventory
supergraph:FIELD_TYPE_CHANGED:Query.delegationBatches
supergraph:FIELD_TYPE_CHANGED:Query.departments
supergraph:FIELD_TYPE_CHANGED:Query.hotlineBreakdown
supergraph:FIELD_TYPE_CHANGED:Query.hotlineStatistics
supergraph:FIELD_TYPE_CHANGED:Query.hotlineTrend
supergraph:FIELD_TYPE_CHANGED:Query.issuanceStatistics
supergraph:FIELD_TYPE_CHANGED:Query.issuanceTrend
supergraph:FIELD_TYPE_CHANGED:Query.kiosks
supergraph:FIELD_TYPE_CHANGED:Query.mergedHotlines
supergraph:FIELD_TYPE_CHANGED:Query.platformCoverage
supergraph:FIELD_TYPE_CHANGED:Query.powerList
supergraph:FIELD_TYPE_CHANGED:Query.regions
supergraph:FIELD_TYPE_CHANGED:Query.serviceCenter
supergraph:FIELD_TYPE_CHANGED:Query.serviceChannels
supergraph:FIELD_TYPE_CHANGED:Query.serviceHalls
supergraph:FIELD_TYPE_CHANGED:Query.serviceItems
supergraph:FIELD_TYPE_CHANGED:Query.workOrders


# Per-system cloud detail needs scope cloud:read (issue 4): a caller without it gets null and a
# FORBIDDEN error for these fields alone, so they had to become nullable. The report generator
# and the e2e suite send a token with cloud:read.
supergraph:FIELD_TYPE_CHANGED:BusinessSystem.allocation
supergraph:FIELD_TYPE_CHANGED:Department.businessSystems
supergraph:FIELD_TYPE_CHANGED:Department.cloudAllocation
cloud:FIELD_TYPE_CHANGED:BusinessSystem.allocation
cloud:FIELD_TYPE_CHANGED:Department.businessSystems
cloud:FIELD_TYPE_CHANGED:Department.cloudAllocation
