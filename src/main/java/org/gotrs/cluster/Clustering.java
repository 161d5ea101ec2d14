package org.gotrs.cluster;

import com.hazelcast.config.JoinConfig;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.Arrays;
import java.util.List;
import org.gotrs.config.Config;

/** The Hazelcast cluster manager for the clustered event bus: TCP join to the configured members, no multicast. */
public final class Clustering {

  private Clustering() {}

  public static HazelcastClusterManager clusterManager(Config.Cluster cluster) {
    com.hazelcast.config.Config hazelcast = ConfigUtil.loadConfig();
    hazelcast.setClusterName("gotrs");
    hazelcast.setProperty("hazelcast.phone.home.enabled", "false");
    hazelcast.setProperty("hazelcast.logging.type", "slf4j");
    JoinConfig join = hazelcast.getNetworkConfig().getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setMembers(members(cluster.members()));
    return new HazelcastClusterManager(hazelcast);
  }

  static List<String> members(String commaSeparated) {
    if (commaSeparated == null || commaSeparated.isBlank()) {
      return List.of("127.0.0.1");
    }
    return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}
